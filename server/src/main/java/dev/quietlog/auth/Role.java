package dev.quietlog.auth;

import io.javalin.security.RouteRole;
import java.util.Locale;

/** What a user may do. Admins may do what managers may; managers may not capture. */
public enum Role implements RouteRole {
    REP, MANAGER, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String value) {
        for (Role r : values()) {
            if (r.wireName().equals(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be one of rep, manager, admin");
    }
}
