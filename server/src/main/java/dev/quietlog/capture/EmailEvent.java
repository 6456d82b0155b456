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
        List<Address> bcc,
        String subject,
        String snippet,
        String mailbox) implements CapturedEvent {

    /**
     * The identity of the real-world email within an org: its Message-ID when known (the same
     * for every rep who sent or received it), else the provider's own id.
     */
    @Override
    public String dedupKey() {
        return messageId != null ? "email:mid:" + messageId : "email:src:" + source + ":" + sourceId;
    }

    @Override
    public List<Participant> participants() {
        List<Participant> all = new java.util.ArrayList<>(1 + to.size() + cc.size() + bcc.size());
        all.add(Participant.of(from, "from"));
        to.forEach(a -> all.add(Participant.of(a, "to")));
        cc.forEach(a -> all.add(Participant.of(a, "cc")));
        // Bcc is known only on the sender's copy; a customer only in Bcc still makes it a customer email.
        bcc.forEach(a -> all.add(Participant.of(a, "bcc")));
        return all;
    }
}
