package dev.quietlog.capture;

import java.time.Instant;
import java.util.List;

/**
 * One accepted event, reduced to what is stored, ready for the set-based write. An email known
 * by its Message-ID also carries providerKey, the key it would have had without one (source and
 * the provider's id), so that a copy captured earlier without its Message-ID is joined to it.
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
        Integer sourceSequence,
        Instant sourceUpdatedAt,
        String note,
        String providerKey,
        String mailbox) {

    /** A customer taking part, and the account (registrable domain) they belong to, if any. */
    record ContactRef(String email, String name, String accountDomain) {
    }

    /** Emails never change once sent; a meeting can be moved, re-titled or cancelled. */
    boolean updatable() {
        return kind.equals("meeting");
    }
}
