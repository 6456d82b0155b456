package dev.quietlog.auth;

import dev.quietlog.app.ApiError;
import dev.quietlog.directory.DirectoryDao;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * The one access check. Routes declare the roles they admit; this runs before each matched
 * route, finds who is calling (Bearer token, or the dashboard's session cookie for reads),
 * checks them against the database on every request so revocation and deprovisioning take
 * effect at once, and refuses with 401 or 403.
 */
public final class AccessControl {
    /**
     * The dashboard session cookie's name, in one place for the pages and the tests. The
     * __Host- prefix makes browsers refuse it unless Secure, for path / and without a Domain,
     * so neither a sibling subdomain nor a plain-http page can plant or overwrite it.
     */
    public static final String SESSION_COOKIE = "__Host-quietlog_session";
    private static final String PRINCIPAL_KEY = "quietlog.principal";
    private static final String SCIM_CALLER_KEY = "quietlog.scim-caller";

    private final TokenService tokens;
    private final Sessions sessions;
    private final Jdbi jdbi;
    private final TokenUsage usage;
    private final Predicate<Context> crossSite;

    /**
     * @param crossSite whether a browser says the request came from another site (or another
     *     origin of this site): such a request never authenticates with the session cookie.
     */
    public AccessControl(TokenService tokens, Sessions sessions, Jdbi jdbi, Predicate<Context> crossSite) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.jdbi = jdbi;
        this.usage = new TokenUsage(jdbi);
        this.crossSite = crossSite;
    }

    public void check(Context ctx) {
        Set<RouteRole> allowed = ctx.routeRoles();
        if (allowed.isEmpty()) {
            return;
        }
        if (allowed.contains(ScimCaller.ScimRole.SCIM_CLIENT)) {
            ctx.attribute(SCIM_CALLER_KEY, scimCaller(ctx)
                    .orElseThrow(() -> new UnauthorizedResponse("Missing, invalid, expired or revoked SCIM token")));
            return;
        }
        Principal principal = authenticate(ctx).orElseThrow(() -> refusal(ctx));
        if (!allowed.contains(principal.role())) {
            throw new ForbiddenResponse("Role '" + principal.role().wireName() + "' may not use " + ctx.path());
        }
        ctx.attribute(PRINCIPAL_KEY, principal);
    }

    /**
     * A well-signed, unexpired token that the database no longer honours was revoked, or its
     * user deactivated: say so, so the rep's extension can tell them rather than ask for a new token.
     */
    private RuntimeException refusal(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<TokenService.Verified> v = tokens.verifyAccessToken(header.substring(7).trim());
            // Only a token this server really issued to that user of that org was withdrawn; a
            // validly signed token with claims that match no issued token is plainly refused.
            if (v.isPresent() && wasIssued(v.get())) {
                return new ApiError(401, "access_withdrawn",
                        "Your access was withdrawn by your company: this token was revoked or its user deactivated");
            }
        }
        return new UnauthorizedResponse("Missing, invalid, expired or revoked token");
    }

    private boolean wasIssued(TokenService.Verified v) {
        return jdbi.withHandle(h -> h.createQuery("select exists (select 1 from access_tokens "
                        + "where org_id = :org and jti = :jti and user_id = :user)")
                .bind("org", v.orgId()).bind("jti", v.accessTokenId()).bind("user", v.userId())
                .mapTo(Boolean.class).one());
    }

    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL_KEY);
        if (p == null) {
            throw new IllegalStateException("route has no roles, so no principal was resolved");
        }
        return p;
    }

    /** The caller resolved by {@link #check}, if the route admits roles. */
    public static Optional<Principal> resolvedPrincipal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL_KEY));
    }

    public static ScimCaller scimCaller(Context ctx, boolean required) {
        ScimCaller c = ctx.attribute(SCIM_CALLER_KEY);
        if (c == null && required) {
            throw new IllegalStateException("route is not a SCIM route, so no SCIM caller was resolved");
        }
        return c;
    }

    /** The org's identity provider, if the request carries a live SCIM token of an org. */
    private Optional<ScimCaller> scimCaller(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        Optional<TokenService.Verified> verified = tokens.verifyScimToken(header.substring(7).trim());
        if (verified.isEmpty()) {
            return Optional.empty();
        }
        TokenService.Verified v = verified.get();
        boolean live = jdbi.withHandle(h -> h.createQuery("select exists (select 1 from access_tokens t "
                        + "where t.org_id = :org and t.jti = :jti and t.kind = 'scim' "
                        + "and t.revoked_at is null and t.expires_at > now() "
                        + "and exists (select 1 from signing_keys k where k.kid = :kid and k.retired_at is null))")
                .bind("org", v.orgId()).bind("jti", v.accessTokenId()).bind("kid", v.kid())
                .mapTo(Boolean.class).one());
        if (!live) {
            return Optional.empty();
        }
        usage.touch(v.orgId(), v.accessTokenId());
        return Optional.of(new ScimCaller(v.orgId(), v.accessTokenId()));
    }

    /**
     * The caller, if any: a Bearer token, else (for safe methods only, and only from this
     * server's own pages) the session cookie. The cookie is SameSite=Strict, so other sites'
     * requests do not carry it anyway; a sibling subdomain's page is "same site" and would, and
     * some of these routes answer any origin (app/ApiCors): refusing the cookie on anything a
     * browser marks as not same-origin keeps it usable by the dashboard alone.
     */
    public Optional<Principal> authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.empty();
            }
            return tokens.verifyAccessToken(header.substring(7).trim()).flatMap(this::lookup);
        }
        if ((ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) && !crossSite.test(ctx)) {
            return sessionPrincipal(ctx);
        }
        return Optional.empty();
    }

    public Optional<Principal> sessionPrincipal(Context ctx) {
        String cookie = ctx.cookie(SESSION_COOKIE);
        return cookie == null ? Optional.empty() : sessions.principal(cookie);
    }

    public Optional<Principal> lookup(TokenService.Verified v) {
        Optional<Principal> found = jdbi.withExtension(DirectoryDao.class,
                dao -> dao.findPrincipal(v.orgId(), v.accessTokenId(), v.userId(), v.kid()));
        found.ifPresent(p -> usage.touch(p.orgId(), p.tokenId()));
        return found;
    }
}
