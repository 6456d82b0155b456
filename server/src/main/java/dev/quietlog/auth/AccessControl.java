package dev.quietlog.auth;

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
    /**
     * The dashboard session cookie's name, in one place for the pages and the tests. The
     * __Host- prefix makes browsers refuse it unless Secure, for path / and without a Domain,
     * so neither a sibling subdomain nor a plain-http page can plant or overwrite it.
     */
    public static final String SESSION_COOKIE = "__Host-quietlog_session";
    private static final String PRINCIPAL_KEY = "quietlog.principal";

    private final TokenService tokens;
    private final Sessions sessions;
    private final Jdbi jdbi;

    public AccessControl(TokenService tokens, Sessions sessions, Jdbi jdbi) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.jdbi = jdbi;
    }

    public void check(Context ctx) {
        Set<RouteRole> allowed = ctx.routeRoles();
        if (allowed.isEmpty()) {
            return;
        }
        Principal principal = authenticate(ctx)
                .orElseThrow(() -> new UnauthorizedResponse("Missing, invalid, expired or revoked token"));
        if (!allowed.contains(principal.role())) {
            throw new ForbiddenResponse("Role '" + principal.role().wireName() + "' may not use " + ctx.path());
        }
        ctx.attribute(PRINCIPAL_KEY, principal);
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
        return cookie == null ? Optional.empty() : sessions.principal(cookie);
    }

    public Optional<Principal> lookup(TokenService.Verified v) {
        return jdbi.withExtension(DirectoryDao.class, dao -> dao.findPrincipal(v.orgId(), v.accessTokenId(), v.userId()));
    }
}
