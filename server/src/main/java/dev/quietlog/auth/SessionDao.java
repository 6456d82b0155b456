package dev.quietlog.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Dashboard sessions: rows keyed by the SHA-256 of the cookie's secret. */
public interface SessionDao {

    @SqlUpdate("insert into sessions (org_id, id_hash, user_id, access_token_id, expires_at) "
            + "values (:org, :hash, :user, :token, :expires)")
    void insert(@Bind("org") UUID orgId, @Bind("hash") byte[] idHash, @Bind("user") UUID userId,
                @Bind("token") UUID accessTokenId, @Bind("expires") Instant expiresAt);

    /** The session's user, while the session, the token it was made from and the user all still hold. */
    @SqlQuery("select u.org_id, u.id as user_id, u.email, u.name, u.role, t.jti as token_id "
            + "from sessions s "
            + "join access_tokens t on t.org_id = s.org_id and t.jti = s.access_token_id "
            + "join users u on u.org_id = s.org_id and u.id = s.user_id "
            + "where s.org_id = :org and s.id_hash = :hash and s.expires_at > now() "
            + "and t.user_id = s.user_id and t.revoked_at is null and t.expires_at > now() and u.active")
    @RegisterConstructorMapper(Principal.class)
    Optional<Principal> findPrincipal(@Bind("org") UUID orgId, @Bind("hash") byte[] idHash);

    @SqlUpdate("delete from sessions where org_id = :org and id_hash = :hash")
    int delete(@Bind("org") UUID orgId, @Bind("hash") byte[] idHash);

    @SqlUpdate("delete from sessions where org_id = :org and user_id = :user")
    int deleteForUser(@Bind("org") UUID orgId, @Bind("user") UUID userId);

    @SqlUpdate("delete from sessions where org_id = :org and expires_at <= now()")
    int deleteExpired(@Bind("org") UUID orgId);
}
