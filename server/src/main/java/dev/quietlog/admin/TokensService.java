package dev.quietlog.admin;

import dev.quietlog.app.ApiError;
import dev.quietlog.auth.TokenService;
import dev.quietlog.directory.DirectoryDao;
import dev.quietlog.directory.DirectoryService;
import dev.quietlog.directory.EmailAddresses;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The token lifecycle an admin sees: list (never the token itself, which is shown once at
 * issue and not stored), revoke one, revoke all of a user's, and issue many from a CSV.
 */
public final class TokensService {
    public static final Set<String> STATUSES = Set.of("active", "revoked", "expired", "all");
    public static final int MAX_CSV_LINES = 10_000;
    private static final int MAX_PAGE = 500;

    /** An identity provider keeps its SCIM token configured for a long time; a year unless asked otherwise. */
    public static final int SCIM_TOKEN_DEFAULT_DAYS = 365;

    private final Jdbi jdbi;
    private final DirectoryService directory;
    private final TokenService signer;

    public TokensService(Jdbi jdbi, DirectoryService directory, TokenService signer) {
        this.jdbi = jdbi;
        this.directory = directory;
        this.signer = signer;
    }

    public record IssuedScimToken(String token, UUID id, Instant expiresAt) {
    }

    /** A token for the org's identity provider, valid on /scim/v2 only; shown once. */
    public IssuedScimToken issueScimToken(UUID orgId, Integer ttlDays, UUID issuedBy) {
        var org = directory.org(orgId);
        int max = org.tokenMaxTtlDays() != null ? org.tokenMaxTtlDays() : DirectoryService.MAX_TOKEN_TTL_DAYS;
        if (ttlDays != null && (ttlDays < 1 || ttlDays > max)) {
            throw ApiError.badRequest("ttlDays: must be between 1 and " + max + " (the org's maximum token lifetime)");
        }
        Duration ttl = Duration.ofDays(ttlDays != null ? ttlDays : Math.min(SCIM_TOKEN_DEFAULT_DAYS, max));
        TokenService.Signed signed = signer.signScimToken(orgId, ttl);
        jdbi.useExtension(DirectoryDao.class, dao -> dao.insertToken(orgId, signed.jti(), null, signed.issuedAt(),
                signed.expiresAt(), "scim", issuedBy));
        return new IssuedScimToken(signed.token(), signed.jti(), signed.expiresAt());
    }

    public record TokenInfo(UUID id, String kind, String userEmail, String userName, Boolean userActive,
                            Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt,
                            String issuedBy, String status) {
    }

    public record Page(List<TokenInfo> tokens, long total, int limit, int offset) {
    }

    public record Filter(String email, String kind, String status, int limit, int offset) {
    }

    private static final String SELECT = """
            select t.jti, t.kind, u.email, u.name, u.active, t.issued_at, t.expires_at, t.last_used_at,
                   t.revoked_at, b.email as issued_by
            from access_tokens t
            left join users u on u.org_id = t.org_id and u.id = t.user_id
            left join users b on b.org_id = t.org_id and b.id = t.issued_by
            """;

    public Page list(UUID orgId, Filter f) {
        String status = f.status() == null ? "active" : f.status().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            throw ApiError.badRequest("status: must be one of active, revoked, expired, all");
        }
        if (f.kind() != null && !Set.of("access", "scim").contains(f.kind())) {
            throw ApiError.badRequest("kind: must be access or scim");
        }
        if (f.limit() < 1 || f.limit() > MAX_PAGE) {
            throw ApiError.badRequest("limit: must be between 1 and " + MAX_PAGE);
        }
        if (f.offset() < 0) {
            throw ApiError.badRequest("offset: must not be negative");
        }
        String email = null;
        if (f.email() != null) {
            email = EmailAddresses.normalise(f.email());
            if (email == null) {
                throw ApiError.badRequest("email: not a valid email address");
            }
        }
        StringBuilder where = new StringBuilder(" where t.org_id = :org");
        if (email != null) {
            where.append(" and u.email = :email");
        }
        if (f.kind() != null) {
            where.append(" and t.kind = :kind");
        }
        switch (status) {
            case "active" -> where.append(" and t.revoked_at is null and t.expires_at > now()");
            case "revoked" -> where.append(" and t.revoked_at is not null");
            case "expired" -> where.append(" and t.revoked_at is null and t.expires_at <= now()");
            default -> { }
        }
        String filter = where.toString();
        String emailFilter = email;
        return jdbi.withHandle(h -> {
            var count = h.createQuery("select count(*) from access_tokens t left join users u "
                    + "on u.org_id = t.org_id and u.id = t.user_id" + filter).bind("org", orgId);
            var rows = h.createQuery(SELECT + filter + " order by t.issued_at desc, t.jti limit :limit offset :offset")
                    .bind("org", orgId).bind("limit", f.limit()).bind("offset", f.offset());
            if (emailFilter != null) {
                count.bind("email", emailFilter);
                rows.bind("email", emailFilter);
            }
            if (f.kind() != null) {
                count.bind("kind", f.kind());
                rows.bind("kind", f.kind());
            }
            long total = count.mapTo(Long.class).one();
            List<TokenInfo> tokens = rows.map((rs, ctx) -> info(rs)).list();
            return new Page(tokens, total, f.limit(), f.offset());
        });
    }

    private static TokenInfo info(java.sql.ResultSet rs) throws java.sql.SQLException {
        Instant expires = rs.getTimestamp("expires_at").toInstant();
        Instant revoked = instant(rs, "revoked_at");
        String status = revoked != null ? "revoked" : expires.isAfter(Instant.now()) ? "active" : "expired";
        Boolean active = (Boolean) rs.getObject("active");
        return new TokenInfo(rs.getObject("jti", UUID.class), rs.getString("kind"), rs.getString("email"),
                rs.getString("name"), active, instant(rs, "issued_at"), expires, instant(rs, "last_used_at"), revoked,
                rs.getString("issued_by"), status);
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** One token of the org, by id (never the token itself). */
    public java.util.Optional<TokenInfo> find(UUID orgId, UUID id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " where t.org_id = :org and t.jti = :id")
                .bind("org", orgId).bind("id", id).map((rs, ctx) -> info(rs)).findOne());
    }

    /** Revokes one token of the org; revoking a revoked token changes nothing and says when it was revoked. */
    public TokenInfo revoke(UUID orgId, String rawId) {
        UUID id = uuid(rawId, "id");
        return jdbi.inTransaction(h -> {
            h.createUpdate("update access_tokens set revoked_at = now() where org_id = :org and jti = :id and revoked_at is null")
                    .bind("org", orgId).bind("id", id).execute();
            return h.createQuery(SELECT + " where t.org_id = :org and t.jti = :id")
                    .bind("org", orgId).bind("id", id).map((rs, ctx) -> info(rs)).findOne()
                    .orElseThrow(() -> ApiError.notFound("id: no token " + id + " in this org"));
        });
    }

    /** Revokes every live token of one user; answers how many were revoked. */
    public int revokeAll(UUID orgId, String rawEmail) {
        String email = EmailAddresses.normalise(rawEmail);
        if (email == null) {
            throw ApiError.badRequest("email: not a valid email address");
        }
        return jdbi.inTransaction(h -> {
            UUID user = h.createQuery("select id from users where org_id = :org and email = :email")
                    .bind("org", orgId).bind("email", email).mapTo(UUID.class).findOne()
                    .orElseThrow(() -> ApiError.notFound("email: no user with email " + email));
            return h.createUpdate("update access_tokens set revoked_at = now() "
                            + "where org_id = :org and user_id = :user and revoked_at is null")
                    .bind("org", orgId).bind("user", user).execute();
        });
    }

    /** One line of a bulk issue: either a token (shown this once) or the reason there is none. */
    public record BulkLine(int line, String email, String token, UUID id, Instant expiresAt, String error) {
    }

    /**
     * Issues a token for each address in a CSV (first column; an "email" header line, blank lines
     * and lines starting with # are skipped). Each line stands alone: a bad address, an unknown or
     * deactivated user, or a repeat is an error on that line, and the others still get tokens.
     */
    public List<BulkLine> issueFromCsv(UUID orgId, String csv, Integer ttlDays, UUID issuedBy) {
        if (csv == null || csv.isBlank()) {
            throw ApiError.badRequest("body: a CSV with one email address per line");
        }
        String[] lines = csv.split("\r\n|\n|\r", -1);
        if (lines.length > MAX_CSV_LINES) {
            throw ApiError.badRequest("body: at most " + MAX_CSV_LINES + " lines");
        }
        // Checked once up front so that a bad ttlDays is one error, not one per line.
        directory.tokenTtl(directory.org(orgId), ttlDays);
        List<BulkLine> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String cell = firstCell(lines[i]);
            if (cell.isEmpty() || cell.startsWith("#") || (out.isEmpty() && seen.isEmpty() && cell.equalsIgnoreCase("email"))) {
                continue;
            }
            String email = EmailAddresses.normalise(cell);
            if (email == null) {
                out.add(new BulkLine(lineNo, cell, null, null, null, "not a valid email address"));
                continue;
            }
            Integer first = seen.putIfAbsent(email, lineNo);
            if (first != null) {
                out.add(new BulkLine(lineNo, email, null, null, null, "repeats line " + first));
                continue;
            }
            try {
                var issued = directory.issueToken(orgId, email, ttlDays, issuedBy);
                out.add(new BulkLine(lineNo, email, issued.token(), issued.id(), issued.expiresAt(), null));
            } catch (ApiError e) {
                out.add(new BulkLine(lineNo, email, null, null, null, e.getMessage().replaceFirst("^email: ", "")));
            }
        }
        return out;
    }

    private static String firstCell(String line) {
        String cell = line.split(",", 2)[0].strip();
        if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
            cell = cell.substring(1, cell.length() - 1).strip();
        }
        return cell;
    }

    static UUID uuid(String raw, String field) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiError.badRequest(field + ": not a token id");
        }
    }
}
