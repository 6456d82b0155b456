package dev.quietlog.directory;

import dev.quietlog.app.ApiError;
import dev.quietlog.app.Config;
import dev.quietlog.auth.Role;
import dev.quietlog.auth.TokenService;
import dev.quietlog.capture.ControlCharacters;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Users and their tokens, as the admin API and the command line ask for them. */
public final class DirectoryService {
    private static final int MAX_NAME = 200;
    /** The longest a token may live when the org sets no maximum of its own. */
    public static final int MAX_TOKEN_TTL_DAYS = Config.MAX_TOKEN_TTL_DAYS;

    private final Jdbi jdbi;
    private final TokenService tokens;
    private final Duration defaultTokenTtl;

    public DirectoryService(Jdbi jdbi, TokenService tokens, Duration defaultTokenTtl) {
        this.jdbi = jdbi;
        this.tokens = tokens;
        this.defaultTokenTtl = defaultTokenTtl;
    }

    public record IssuedToken(String token, java.time.Instant expiresAt, UUID id) {
    }

    public Org org(UUID orgId) {
        return jdbi.onDemand(DirectoryDao.class).findOrg(orgId)
                .orElseThrow(() -> ApiError.notFound("org " + orgId + " does not exist"));
    }

    public User createUser(UUID orgId, String rawEmail, String rawName, String rawRole) {
        String email = EmailAddresses.normalise(rawEmail);
        if (email == null) {
            throw ApiError.badRequest("email: not a valid email address");
        }
        String name = rawName == null ? "" : rawName.strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ApiError.badRequest("name: required, at most " + MAX_NAME + " characters");
        }
        if (ControlCharacters.in(name, false)) {
            throw ApiError.badRequest("name: contains a control character");
        }
        Role role;
        try {
            role = Role.fromWire(rawRole);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("role: " + e.getMessage());
        }
        return jdbi.inTransaction(h -> {
            DirectoryDao dao = h.attach(DirectoryDao.class);
            if (dao.findUserByEmail(orgId, email).isPresent()) {
                throw ApiError.conflict("email: a user with email " + email + " already exists");
            }
            if (h.createQuery("select exists (select 1 from user_addresses where org_id = :org and email = :email)")
                    .bind("org", orgId).bind("email", email).mapTo(Boolean.class).one()) {
                throw ApiError.conflict("email: " + email + " is already an address of another user");
            }
            try {
                return dao.insertUser(orgId, email, name, role.wireName());
            } catch (UnableToExecuteStatementException e) {
                // A concurrent request created the same user between our check and insert.
                throw ApiError.conflict("email: a user with email " + email + " already exists");
            }
        });
    }

    public IssuedToken issueToken(UUID orgId, String rawEmail, Integer ttlDays) {
        return issueToken(orgId, rawEmail, ttlDays, null);
    }

    /** Issues a token for a user of the org, within the org's token lifetimes; issuedBy is the admin, if any. */
    public IssuedToken issueToken(UUID orgId, String rawEmail, Integer ttlDays, UUID issuedBy) {
        String email = EmailAddresses.normalise(rawEmail);
        if (email == null) {
            throw ApiError.badRequest("email: not a valid email address");
        }
        return jdbi.inTransaction(h -> {
            DirectoryDao dao = h.attach(DirectoryDao.class);
            Duration ttl = tokenTtl(dao.findOrg(orgId).orElseThrow(), ttlDays);
            User user = dao.findUserByEmail(orgId, email)
                    .orElseThrow(() -> ApiError.notFound("email: no user with email " + email));
            if (!user.active()) {
                throw ApiError.conflict("email: user " + email + " is deactivated");
            }
            return issue(h, user, ttl, issuedBy);
        });
    }

    /** The lifetime of a new token: the one asked for, else the org's default; never past the org's maximum. */
    public Duration tokenTtl(Org org, Integer requestedDays) {
        int max = org.tokenMaxTtlDays() != null ? org.tokenMaxTtlDays() : MAX_TOKEN_TTL_DAYS;
        if (requestedDays != null && (requestedDays < 1 || requestedDays > max)) {
            throw ApiError.badRequest("ttlDays: must be between 1 and " + max + " (the org's maximum token lifetime)");
        }
        if (requestedDays != null) {
            return Duration.ofDays(requestedDays);
        }
        Duration fallback = org.tokenDefaultTtlDays() != null ? Duration.ofDays(org.tokenDefaultTtlDays()) : defaultTokenTtl;
        return fallback.compareTo(Duration.ofDays(max)) > 0 ? Duration.ofDays(max) : fallback;
    }

    /** Creates the org and its first admin; returns that admin's token. */
    public IssuedToken createOrgWithAdmin(Handle h, String orgName, List<String> internalDomains,
                                          String adminEmail, Duration ttl) {
        DirectoryDao dao = h.attach(DirectoryDao.class);
        Org org = dao.insertOrg(orgName, internalDomains.toArray(String[]::new));
        User admin = dao.insertUser(org.id(), adminEmail, "Administrator", Role.ADMIN.wireName());
        return issue(h, admin, ttl);
    }

    /** A token for a user who signed in through the org's provider, with the org's default lifetime, in the caller's transaction. */
    public IssuedToken issueSignInToken(Handle h, User user) {
        return issue(h, user, tokenTtl(h.attach(DirectoryDao.class).findOrg(user.orgId()).orElseThrow(), null), null);
    }

    private IssuedToken issue(Handle h, User user, Duration ttl) {
        return issue(h, user, ttl, null);
    }

    private IssuedToken issue(Handle h, User user, Duration ttl, UUID issuedBy) {
        TokenService.Signed signed = tokens.signAccessToken(user.orgId(), user.id(), ttl);
        h.attach(DirectoryDao.class).insertToken(user.orgId(), signed.jti(), user.id(), signed.issuedAt(), signed.expiresAt(),
                "access", issuedBy);
        return new IssuedToken(signed.token(), signed.expiresAt(), signed.jti());
    }
}
