package dev.quietlog.capture;

import java.util.List;

/**
 * What decides whether a rep's capture is kept, and how much of it: the org's policy with the
 * rep's own never-log entries added.
 */
public record CapturePolicy(
        List<String> internalDomains,
        List<String> neverLogAddresses,
        List<String> neverLogDomains,
        boolean allowFreeMail,
        String captureLevel,
        boolean allowDelegatedMailboxes) {

    public boolean keepsSubject() {
        return !captureLevel.equals("metadata");
    }

    public boolean keepsSnippet() {
        return captureLevel.equals("subject_snippet");
    }
}
