package dev.quietlog.capture;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One meeting, or one occurrence of a series, as the extension saw it in a calendar. */
public record MeetingEvent(
        String source,
        String sourceId,
        String iCalUid,
        String recurrenceId,
        Instant startsAt,
        Instant endsAt,
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

    public Duration duration() {
        return Duration.between(startsAt, endsAt);
    }
}
