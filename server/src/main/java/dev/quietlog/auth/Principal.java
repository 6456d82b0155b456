package dev.quietlog.auth;

import java.util.UUID;

/** The user a request acts for, as checked against the database on this request. */
public record Principal(UUID orgId, UUID userId, String email, String name, Role role, UUID tokenId) {
}
