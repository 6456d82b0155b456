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
        Integer sourceSequence,
        Instant sourceUpdatedAt,
        String note) {

    /** A customer taking part, and the account (registrable domain) they belong to, if any. */
    record ContactRef(String email, String name, String accountDomain) {
    }

    /** Emails never change once sent; a meeting can be moved, re-titled or cancelled. */
    boolean updatable() {
        return kind.equals("meeting");
    }
}
