package dev.quietlog.scim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A user as SCIM sees it, mutable while a request (POST, PUT, PATCH) is applied to it; checked
 * and mapped onto the Quietlog user only when the whole request has been applied.
 */
final class ScimUser {
    UUID id;
    String userName;
    String externalId;
    String givenName;
    String familyName;
    String formatted;
    String displayName;
    List<Email> emails = new ArrayList<>();
    boolean active = true;
    Instant created;
    Instant lastModified;

    /** One entry of emails[]; type is "work", "home", "other" or absent. */
    static final class Email {
        String value;
        String type;
        boolean primary;

        Email(String value, String type, boolean primary) {
            this.value = value;
            this.type = type;
            this.primary = primary;
        }
    }

    /**
     * The user's Quietlog address: the primary work address, else the primary one, else the
     * first work one, else the first, else userName when it is an address.
     */
    String quietlogAddress() {
        for (Email e : emails) {
            if (e.primary && "work".equalsIgnoreCase(e.type)) {
                return e.value;
            }
        }
        for (Email e : emails) {
            if (e.primary) {
                return e.value;
            }
        }
        for (Email e : emails) {
            if ("work".equalsIgnoreCase(e.type)) {
                return e.value;
            }
        }
        return emails.isEmpty() ? userName : emails.get(0).value;
    }

    /** What Quietlog shows as the user's name. */
    String quietlogName() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName.strip();
        }
        if (formatted != null && !formatted.isBlank()) {
            return formatted.strip();
        }
        String joined = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
        return joined.isEmpty() ? userName : joined;
    }
}
