package dev.quietlog.capture;

import java.time.Instant;
import java.util.List;

/** One email as the extension saw it, after validation. */
public record EmailEvent(
        String source,
        String sourceId,
        String messageId,
        String threadId,
        String direction,
        Instant occurredAt,
        Address from,
        List<Address> to,
        List<Address> cc,
        String subject,
        String snippet) {

    /**
     * The identity of the real-world email within an org: its Message-ID when known (the same
     * for every rep who sent or received it), else the provider's own id.
     */
    public String dedupKey() {
        return messageId != null ? "email:mid:" + messageId : "email:src:" + source + ":" + sourceId;
    }
}
