package dev.quietlog.capture;

import java.time.Instant;

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
        String direction,
        String sourceId,
        String note) {
}
