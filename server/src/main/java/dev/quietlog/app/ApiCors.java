package dev.quietlog.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place that decides which routes a page or extension of another origin may call
 * (CORS), and how.
 *
 * <p>Why any are open: the browser extension calls these from its service worker
 * (origin chrome-extension://&lt;id&gt;). Chrome lets it read a server's answers without CORS
 * only once the rep granted it access to that server's origin, one click per browser. IT
 * rolls the extension out by policy to hundreds of browsers; with CORS here, nobody clicks.
 *
 * <p>Why that is safe: each route below is either unauthenticated and public (sign-in) or
 * authenticated by an {@code Authorization: Bearer} token, which a browser never attaches by
 * itself: a page of another origin can only use a token it already holds. The answers say
 * {@code Access-Control-Allow-Origin: *} and never {@code Access-Control-Allow-Credentials},
 * so browsers refuse to let another origin read an answer to a request that carried cookies.
 * The dashboard's session cookie (SameSite=Strict) is moreover ignored on any request a
 * browser marks as cross-site ({@code AccessControl}), so it cannot even act blind.
 *
 * <p>Never open: /api/v1/admin, /api/v1/dashboard, /api/v1/interactions (the dashboard's and
 * admins' API, not called by the extension), /scim/v2 (identity providers call it from their
 * servers), and the dashboard pages and /login: none of them gets a CORS header.
 */
final class ApiCors {
    /** A route the extension calls, and the methods it really has. */
    record OpenRoute(String path, List<HandlerType> methods, String why) {
    }

    static final List<OpenRoute> OPEN = List.of(
            new OpenRoute("/api/v1/sign-in", List.of(HandlerType.GET), "how to start a sign-in: public, no token yet"),
            new OpenRoute("/api/v1/sign-in/oidc", List.of(HandlerType.POST), "trades an ID token for the rep's token"),
            new OpenRoute("/api/v1/me", List.of(HandlerType.GET), "who the token is, and the org policy"),
            new OpenRoute("/api/v1/captures", List.of(HandlerType.POST), "uploads"),
            new OpenRoute("/api/v1/me/never-log", List.of(HandlerType.GET, HandlerType.PUT), "the rep's own never-log list"),
            new OpenRoute("/api/v1/me/excluded-threads", List.of(HandlerType.PUT, HandlerType.DELETE),
                    "the thread panel's \"don't log this thread\""),
            new OpenRoute("/api/v1/me/threads", List.of(HandlerType.GET), "the thread panel's status"),
            new OpenRoute("/api/v1/contacts/{email}/summary", List.of(HandlerType.GET), "the thread panel's contact rows"));

    /** What the extension sends beyond the CORS-safelisted headers. */
    static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    /** The 429 answer's wait, which the extension honours. */
    static final String EXPOSED_HEADERS = "Retry-After";
    /** Seconds a browser may reuse a preflight's answer. */
    static final String MAX_AGE = "600";

    private ApiCors() {
    }

    /**
     * Before every other handler, so that every answer on these paths carries the header,
     * refusals (400, 401, 403, 429) included: the extension must read why it was refused.
     */
    static void install(RoutesConfig routes) {
        for (OpenRoute route : OPEN) {
            String methods = route.methods().stream().map(HandlerType::name).collect(Collectors.joining(", "));
            routes.before(route.path(), ApiCors::anyOrigin);
            routes.options(route.path(), ctx -> preflight(ctx, methods));
        }
    }

    private static void anyOrigin(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }

    private static void preflight(Context ctx, String methods) {
        ctx.header("Access-Control-Allow-Methods", methods);
        ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        ctx.header("Access-Control-Max-Age", MAX_AGE);
        ctx.status(204);
    }
}
