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
import org.jdbi.v3.core.Jdbi;

/**
 * The one access check. Routes declare the roles they admit; this runs before each matched
 * route, finds who is calling (Bearer token, or the dashboard's session cookie for reads),
 * checks them against the database on every request so revocation and deprovisioning take
 * effect at once, and refuses with 401 or 403.
 */
public final class AccessControl {
    public static final String SESSION_COOKIE = "quietlog_session";
    private static final String PRINCIPAL_KEY = "quietlog.principal";

    private final TokenService tokens;
    private final Jdbi jdbi;

    public AccessControl(TokenService tokens, Jdbi jdbi) {
        this.tokens = tokens;
        this.jdbi = jdbi;
    }

    public void check(Context ctx) {
        Set<RouteRole> allowed = ctx.routeRoles();
        if (allowed.isEmpty()) {
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
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && tokens.verifyAccessToken(header.substring(7).trim()).isPresent()) {
            return new ApiError(401, "access_withdrawn",
                    "Your access was withdrawn by your company: this token was revoked or its user deactivated");
        }
        return new UnauthorizedResponse("Missing, invalid, expired or revoked token");
    }

    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL_KEY);
        if (p == null) {
            throw new IllegalStateException("route has no roles, so no principal was resolved");
        }
        return p;
    }

    /** The caller, if any: a Bearer token, else (for safe methods only) the session cookie. */
    public Optional<Principal> authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.empty();
            }
            return tokens.verifyAccessToken(header.substring(7).trim()).flatMap(this::lookup);
        }
        if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
            return sessionPrincipal(ctx);
        }
        return Optional.empty();
    }

    public Optional<Principal> sessionPrincipal(Context ctx) {
        String cookie = ctx.cookie(SESSION_COOKIE);
        return cookie == null ? Optional.empty() : tokens.verifySession(cookie).flatMap(this::lookup);
    }

    public Optional<Principal> lookup(TokenService.Verified v) {
        return jdbi.withExtension(DirectoryDao.class, dao -> dao.findPrincipal(v.orgId(), v.accessTokenId(), v.userId()));
    }
}
