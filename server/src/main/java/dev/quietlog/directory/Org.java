package dev.quietlog.directory;

import java.util.List;
import java.util.UUID;

/** An organisation and the policy its reps' extensions and the server apply to captures. */
public record Org(
        UUID id,
        String name,
        List<String> internalDomains,
        List<String> neverLogAddresses,
        List<String> neverLogDomains,
        boolean allowFreeMail,
        String captureLevel,
        boolean allowDelegatedMailboxes,
        Integer tokenDefaultTtlDays,
        Integer tokenMaxTtlDays) {
}
