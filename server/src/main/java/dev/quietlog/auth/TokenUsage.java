package dev.quietlog.auth;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Records when a token was last used, for the admin's token list. A rep's extension uploads
 * many times a minute; writing a row each time would double the database work of a capture, so
 * each server copy writes a token's last use at most once a minute (the list is accurate to
 * about a minute, which is all an admin needs to spot an unused or stolen token).
 */
public final class TokenUsage {
    static final Duration RESOLUTION = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Cache<UUID, Boolean> recentlyWritten = CacheBuilder.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(RESOLUTION)
            .build();

    public TokenUsage(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void touch(UUID orgId, UUID jti) {
        if (recentlyWritten.asMap().putIfAbsent(jti, Boolean.TRUE) != null) {
            return;
        }
        // The condition keeps copies behind a load balancer from each writing within the same minute.
        jdbi.useHandle(h -> h.createUpdate("update access_tokens set last_used_at = now() "
                        + "where org_id = :org and jti = :jti "
                        + "and (last_used_at is null or last_used_at < now() - interval '1 minute')")
                .bind("org", orgId).bind("jti", jti).execute());
    }
}
