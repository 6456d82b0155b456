package dev.quietlog.scim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A team as SCIM sees it (RFC 7643 section 4.2), mutable while a request (POST, PUT, PATCH) is
 * applied to it. {@code memberIds} are the member values as sent (user ids, not yet checked);
 * they are checked against the org's users only when the whole request has been applied.
 */
final class ScimGroup {
    UUID id;
    String displayName;
    String externalId;
    final Set<String> memberIds = new LinkedHashSet<>();
    final List<Member> members = new ArrayList<>();
    Instant created;
    Instant lastModified;

    /** A member as answered: the user's id, what people read (their name, else address), and their address. */
    record Member(UUID id, String display, String email) {
    }

    /** A member value as sent, in one spelling (a user id lower-cased), so that add and remove meet. */
    static String memberKey(String raw) {
        String v = raw.strip();
        try {
            return UUID.fromString(v).toString().equals(v.toLowerCase(Locale.ROOT)) ? v.toLowerCase(Locale.ROOT) : v;
        } catch (IllegalArgumentException notAUuid) {
            return v;
        }
    }
}
