package dev.quietlog.admin;

import dev.quietlog.app.ApiError;
import dev.quietlog.audit.Audit;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.Principal;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HTTP in and out for /api/v1/admin/tokens: list, revoke, revoke all of a user, issue from a CSV. */
public final class TokensHandler {
    private final TokensService tokens;
    private final Audit audit;
    private final TokenAudit tokenAudit;

    public TokensHandler(TokensService tokens, Audit audit) {
        this.tokens = tokens;
        this.audit = audit;
        this.tokenAudit = new TokenAudit(audit);
    }

    public void list(Context ctx) {
        var filter = new TokensService.Filter(ctx.queryParam("email"), ctx.queryParam("kind"), ctx.queryParam("status"),
                intParam(ctx, "limit", 100), intParam(ctx, "offset", 0));
        ctx.json(tokens.list(AccessControl.principal(ctx).orgId(), filter));
    }

    public void revoke(Context ctx) {
        Principal admin = AccessControl.principal(ctx);
        TokensService.TokenInfo t = tokens.revoke(admin.orgId(), ctx.pathParam("id"));
        tokenAudit.revoked(admin, t, null);
        ctx.json(t);
    }

    public void revokeAllOfUser(Context ctx) {
        String email = ctx.pathParam("email");
        Principal admin = AccessControl.principal(ctx);
        int n = tokens.revokeAll(admin.orgId(), email);
        tokenAudit.revokedAll(admin, email, n, null);
        ctx.json(Map.of("email", email.toLowerCase(java.util.Locale.ROOT), "revoked", n));
    }

    /** Body: the CSV itself (text/csv). Answers every line; the tokens appear in this answer only. */
    public void issueFromCsv(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("text/csv") && !type.startsWith("text/plain")) {
            throw new ApiError(415, "unsupported_media_type", "Content-Type: send the CSV as text/csv");
        }
        Principal admin = AccessControl.principal(ctx);
        String ttl = ctx.queryParam("ttlDays");
        Integer ttlDays = ttl == null ? null : intParam(ctx, "ttlDays", 0);
        List<TokensService.BulkLine> lines = tokens.issueFromCsv(admin.orgId(), ctx.body(), ttlDays, admin.userId());
        tokenAudit.issuedFromCsv(admin, lines, "csv");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("issued", lines.stream().filter(l -> l.token() != null).count());
        out.put("failed", lines.stream().filter(l -> l.error() != null).count());
        out.put("results", lines);
        ctx.header("Cache-Control", "no-store");
        ctx.json(out);
    }

    /** POST /api/v1/admin/scim-tokens {ttlDays?}: the identity provider's token, shown this once. */
    public void issueScimToken(Context ctx) {
        Principal admin = AccessControl.principal(ctx);
        String body = ctx.body();
        Integer ttlDays = null;
        if (body != null && !body.isBlank()) {
            com.fasterxml.jackson.databind.JsonNode ttl = dev.quietlog.app.JsonBody.object(ctx, JSON).get("ttlDays");
            if (ttl != null && !ttl.isNull()) {
                if (!ttl.canConvertToInt() || !ttl.isIntegralNumber()) {
                    throw ApiError.badRequest("ttlDays: must be a whole number of days");
                }
                ttlDays = ttl.intValue();
            }
        }
        var issued = tokens.issueScimToken(admin.orgId(), ttlDays, admin.userId());
        audit.record(admin.orgId(), Audit.Actor.admin(admin), "scim-token.issued", "scim token",
                Map.of("tokenId", issued.id(), "expiresAt", issued.expiresAt().toString()));
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(Map.of("token", issued.token(), "id", issued.id(), "expiresAt", issued.expiresAt()));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static int intParam(Context ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + ": must be a whole number");
        }
    }
}
