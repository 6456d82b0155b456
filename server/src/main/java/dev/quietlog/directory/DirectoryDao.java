package dev.quietlog.directory;

import dev.quietlog.auth.Principal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Orgs, users and the access tokens issued to them. */
@RegisterConstructorMapper(Org.class)
@RegisterConstructorMapper(User.class)
public interface DirectoryDao {

    String ORG_COLUMNS = "id, name, internal_domains, never_log_addresses, never_log_domains, allow_free_mail, capture_level,"
            + " allow_delegated_mailboxes, token_default_ttl_days, token_max_ttl_days";
    String USER_COLUMNS = "org_id, id, email, name, role, active";

    @SqlQuery("select exists (select 1 from orgs)")
    boolean anyOrg();

    @SqlQuery("insert into orgs (name, internal_domains) values (:name, :domains) returning " + ORG_COLUMNS)
    Org insertOrg(@Bind("name") String name, @Bind("domains") String[] internalDomains);

    @SqlQuery("select " + ORG_COLUMNS + " from orgs where id = :id")
    Optional<Org> findOrg(@Bind("id") UUID id);

    @SqlQuery("insert into users (org_id, email, name, role) values (:org, :email, :name, :role) returning "
            + USER_COLUMNS)
    User insertUser(@Bind("org") UUID orgId, @Bind("email") String email, @Bind("name") String name,
                    @Bind("role") String role);

    @SqlQuery("select " + USER_COLUMNS + " from users where org_id = :org and email = :email")
    Optional<User> findUserByEmail(@Bind("org") UUID orgId, @Bind("email") String email);

    @SqlUpdate("insert into access_tokens (org_id, jti, user_id, issued_at, expires_at) "
            + "values (:org, :jti, :user, :issued, :expires)")
    void insertToken(@Bind("org") UUID orgId, @Bind("jti") UUID jti, @Bind("user") UUID userId,
                     @Bind("issued") Instant issuedAt, @Bind("expires") Instant expiresAt);

    @SqlUpdate("insert into access_tokens (org_id, jti, user_id, issued_at, expires_at, kind, issued_by) "
            + "values (:org, :jti, :user, :issued, :expires, :kind, :issuedBy)")
    void insertToken(@Bind("org") UUID orgId, @Bind("jti") UUID jti, @Bind("user") UUID userId,
                     @Bind("issued") Instant issuedAt, @Bind("expires") Instant expiresAt,
                     @Bind("kind") String kind, @Bind("issuedBy") UUID issuedBy);

    /**
     * The principal behind a verified token, if the token is unrevoked and unexpired, the user
     * active, and the key that signed it not retired: asked on every request, so each of these
     * takes effect at once on every server copy.
     */
    @SqlQuery("select u.org_id, u.id as user_id, u.email, u.name, u.role, t.jti as token_id "
            + "from access_tokens t join users u on u.org_id = t.org_id and u.id = t.user_id "
            + "where t.org_id = :org and t.jti = :jti and t.user_id = :user "
            + "and t.revoked_at is null and t.expires_at > now() and u.active "
            + "and exists (select 1 from signing_keys k where k.kid = :kid and k.retired_at is null)")
    @RegisterConstructorMapper(Principal.class)
    Optional<Principal> findPrincipal(@Bind("org") UUID orgId, @Bind("jti") UUID jti, @Bind("user") UUID userId,
                                      @Bind("kid") String kid);
}
