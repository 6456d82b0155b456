package dev.quietlog.capture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One meeting, or one occurrence of a series, as the extension saw it in a calendar. An all-day
 * meeting carries the midnights that begin its first day and follow its last day in timeZone.
 */
public record MeetingEvent(
        String source,
        String sourceId,
        String iCalUid,
        String recurrenceId,
        Instant startsAt,
        Instant endsAt,
        boolean allDay,
        String timeZone,
        String title,
        Address organizer,
        List<Participant> attendees,
        String status,
        Integer sequence,
        Instant updatedAt,
        String mailbox) implements CapturedEvent {

    /**
     * iCalUID names the meeting (the same in every attendee's calendar); the original start of
     * an occurrence (RECURRENCE-ID) names one instance of a series. Neither changes when the
     * meeting is moved or cancelled, so the stored meeting is updated rather than duplicated.
     */
    @Override
    public String dedupKey() {
        return "meeting:" + iCalUid + (recurrenceId == null ? "" : "|" + recurrenceId);
    }

    @Override
    public List<Participant> participants() {
        List<Participant> all = new ArrayList<>(1 + attendees.size());
        all.add(Participant.of(organizer, "organizer"));
        for (Participant a : attendees) {
            if (!a.email().equals(organizer.email())) {
                all.add(a);
            }
        }
        return all;
    }

    MeetingVersion version() {
        return new MeetingVersion(sequence, updatedAt);
    }

    boolean organizedBy(Collection<String> addresses) {
        return addresses.contains(organizer.email());
    }

    /**
     * The rep's own answer in this version: their attendee entry's, else accepted when they
     * organise it (the organizer goes to their own meeting), else none.
     */
    String responseOf(Collection<String> addresses) {
        for (Participant a : attendees) {
            if (addresses.contains(a.email()) && a.response() != null) {
                return a.response();
            }
        }
        return organizedBy(addresses) ? "accepted" : "none";
    }
}
