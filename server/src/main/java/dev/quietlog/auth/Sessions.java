package dev.quietlog.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Dashboard sessions, kept server-side: the cookie holds "{org id}.{random secret}" and the
 * database the secret's hash, its user, the access token it was made from and its expiry.
 * Ending a session deletes its row, so an old cookie opens nothing afterwards.
 */
public final class Sessions {
    private static final int SECRET_BYTES = 32;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    public Sessions(Jdbi jdbi, Clock clock, Duration ttl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The cookie value of a new session and when it ends. */
    public record Started(String cookieValue, Instant expiresAt) {
    }

    public Started start(Principal p) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expires = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(ttl);
        jdbi.useTransaction(h -> {
            SessionDao dao = h.attach(SessionDao.class);
            dao.deleteExpired(p.orgId());
            dao.insert(p.orgId(), hash(secretText), p.userId(), p.tokenId(), expires);
        });
        return new Started(p.orgId() + "." + secretText, expires);
    }

    /** The session's principal if the cookie names a live session. */
    public Optional<Principal> principal(String cookieValue) {
        return parse(cookieValue).flatMap(id -> jdbi.withExtension(SessionDao.class,
                dao -> dao.findPrincipal(id.orgId(), id.hash())));
    }

    /** Ends the session the cookie names, if any. */
    public void end(String cookieValue) {
        parse(cookieValue).ifPresent(id -> jdbi.useExtension(SessionDao.class, dao -> dao.delete(id.orgId(), id.hash())));
    }

    /** Ends every session of a user (for revocation and deprovisioning). */
    public int endAllFor(UUID orgId, UUID userId) {
        return jdbi.withExtension(SessionDao.class, dao -> dao.deleteForUser(orgId, userId));
    }

    private record Id(UUID orgId, byte[] hash) {
    }

    private static Optional<Id> parse(String cookieValue) {
        if (cookieValue == null || cookieValue.length() > 200) {
            return Optional.empty();
        }
        int dot = cookieValue.indexOf('.');
        if (dot != 36 || cookieValue.length() - dot - 1 < 40) {
            return Optional.empty();
        }
        try {
            UUID org = UUID.fromString(cookieValue.substring(0, dot));
            return Optional.of(new Id(org, hash(cookieValue.substring(dot + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
