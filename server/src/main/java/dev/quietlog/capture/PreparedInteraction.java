package dev.quietlog.capture;

import java.time.Instant;
import java.util.List;

/**
 * One accepted event, reduced to what is stored, ready for the set-based write. An email known
 * by its Message-ID also carries providerKey, the key it would have had without one (source and
 * the provider's id), so that a copy captured earlier without its Message-ID is joined to it;
 * mailbox and threadId say where the rep saw it.
 */
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
        String note,
        String providerKey,
        String mailbox) {

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

    /** The same event under another key: a provisional email superseded by its full capture. */
    PreparedInteraction withKey(String key) {
        return new PreparedInteraction(index, key, kind, source, occurredAt, endsAt, subject, snippet, threadId, status,
                participantsJson, contacts, direction, sourceId, meeting, note, providerKey, mailbox);
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
