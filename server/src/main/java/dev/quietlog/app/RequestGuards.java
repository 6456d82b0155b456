package dev.quietlog.app;

import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.ScimCaller;
import dev.quietlog.capture.CaptureHandler;
import dev.quietlog.web.RequestOrigin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks every request passes before its handler: no method-override headers, bodies that are
 * valid UTF-8, a rate limit on every write, and no caching of anything that may carry personal data.
 */
final class RequestGuards {
    /** Headers some frameworks read to turn a GET or POST into another method; we never do, and say so. */
    private static final List<String> METHOD_OVERRIDES = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private final RateLimiter writes;
    private final RequestOrigin origin;

    RequestGuards(RateLimiter writes, RequestOrigin origin) {
        this.writes = writes;
        this.origin = origin;
    }

    /** Before every request, matched or not. */
    void beforeAll(Context ctx) {
        String path = ctx.path();
        // Public, identical for everyone: the dashboard's static files and the public keys.
        if (!path.startsWith("/assets/") && !path.startsWith("/.well-known/")) {
            ctx.header("Cache-Control", "no-store");
        }
        for (String header : METHOD_OVERRIDES) {
            if (ctx.header(header) != null) {
                throw ApiError.badRequest(header + ": method override headers are not accepted; send the method itself");
            }
        }
    }

    /** Before a matched route, after the access check (so the caller's token is known). */
    void beforeMatched(Context ctx) {
        if (!WRITES.contains(ctx.method())) {
            return;
        }
        limit(ctx);
        requireUtf8Body(ctx);
    }

    /**
     * Per token when the route is authenticated (access or SCIM token), else per client address
     * (POST /login).
     * Captures have their own, higher limit (CaptureHandler).
     */
    private void limit(Context ctx) {
        if (ctx.path().equals("/api/v1/captures")) {
            return;
        }
        ScimCaller scim = AccessControl.scimCaller(ctx, false);
        Object caller = scim != null ? "token:" + scim.tokenId() : AccessControl.resolvedPrincipal(ctx)
                .<Object>map(p -> "token:" + p.tokenId())
                .orElseGet(() -> scim != null ? "scim:" + scim.tokenId() : "ip:" + origin.clientIp(ctx));
        long wait = writes.secondsUntilAllowed(caller);
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new ApiError(429, "rate_limited", "Too many write requests; retry in " + wait + " s");
        }
    }

    /** Overlong forms, lone surrogates and stray bytes are refused here, whatever parses the body next. */
    private static void requireUtf8Body(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        boolean text = type.startsWith("application/json") || type.startsWith("application/x-www-form-urlencoded")
                || type.startsWith("text/") || type.contains("+json");
        if (!text || ctx.contentLength() > CaptureHandler.MAX_BODY_BYTES) {
            return; // other types are refused by their handler; too large is answered 413 there
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(ctx.bodyAsBytes()));
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("body: not valid UTF-8");
        }
    }
}
