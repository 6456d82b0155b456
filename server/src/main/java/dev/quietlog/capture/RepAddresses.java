package dev.quietlog.capture;

import dev.quietlog.auth.Principal;
import java.util.List;

/**
 * The addresses that are the capturing rep's own, lower-case, primary first: whether the rep
 * organises or attends a meeting, and which attendee answer is theirs, is decided by these.
 * The one place to read them, so that aliases (user_addresses) are a change here alone.
 */
final class RepAddresses {
    private RepAddresses() {
    }

    static List<String> of(Principal principal) {
        return List.of(principal.email());
    }
}
