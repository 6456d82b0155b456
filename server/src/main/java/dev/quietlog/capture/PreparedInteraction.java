package dev.quietlog.capture;

import java.time.Instant;
import java.util.List;

/** One accepted event, reduced to what is stored, ready for the set-based write. */
record PreparedInteraction(
        int index,
        String dedupKey,
        String kind,
        String source,
        Instant occurredAt,
        Instant endsAt,
        String subject,
        String snippet,
        String threadId,
        String status,
        String participantsJson,
        List<ContactRef> contacts,
        String direction,
        String sourceId,
        MeetingFields meeting,
        String note) {

    /** A customer taking part, and the account (registrable domain) they belong to, if any. */
    record ContactRef(String email, String name, String accountDomain) {
    }

    /**
     * What only a meeting has: the calendar's identity and version of it, whether it is all-day,
     * and the capturing rep's own answer to it in this version.
     */
    record MeetingFields(String iCalUid, String recurrenceId, boolean allDay, String timeZone,
                         MeetingVersion version, String repResponse) {
    }

    /** Emails never change once sent; a meeting can be moved, re-titled or cancelled. */
    boolean updatable() {
        return kind.equals("meeting");
    }

    Integer sourceSequence() {
        return meeting == null ? null : meeting.version().sequence();
    }

    Instant sourceUpdatedAt() {
        return meeting == null ? null : meeting.version().updatedAt();
    }
}
