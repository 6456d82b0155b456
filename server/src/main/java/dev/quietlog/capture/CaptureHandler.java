package dev.quietlog.capture;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.ApiError;
import dev.quietlog.app.RateLimiter;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.Principal;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;

/** HTTP in and out for POST /api/v1/captures. */
public final class CaptureHandler {
    public static final int MAX_BODY_BYTES = EventLimits.get().maxBodyBytes();

    private final CaptureService service;
    private final ObjectMapper json;
    private final RateLimiter rateLimiter;

    public CaptureHandler(CaptureService service, ObjectMapper json, RateLimiter rateLimiter) {
        this.service = service;
        this.json = json;
        this.rateLimiter = rateLimiter;
    }

    public void post(Context ctx) {
        Principal principal = AccessControl.principal(ctx);
        // What the headers alone refuse is refused before the rate limit: it costs the server
        // nothing, spends none of the rep's budget, and a client that sends the same refused
        // request again (an HTTP client retrying after the server answered before reading the
        // whole body) gets the same answer, so the extension can split a batch on its 413.
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, "unsupported_media_type",
                    "Content-Type must be application/json, got " + (type == null ? "none" : "'" + type + "'"));
        }
        long declared = ctx.contentLength();
        if (declared > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        long wait = rateLimiter.secondsUntilAllowed(principal.tokenId());
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new ApiError(429, "rate_limited", "Too many capture requests for this token; retry in " + wait + " s");
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            String detail = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw ApiError.badRequest("body: not valid JSON (" + detail + ")");
        }
        ctx.json(Map.of("results", service.capture(principal, tree)));
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "too_large", "body: larger than " + MAX_BODY_BYTES + " bytes");
    }
}
