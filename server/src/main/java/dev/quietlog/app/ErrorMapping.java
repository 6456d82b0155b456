package dev.quietlog.app;

import dev.quietlog.db.SqlStates;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where every failure becomes the same JSON error shape. */
public final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    public static void install(JavalinConfig config) {
        config.routes.exception(ApiError.class, (e, ctx) -> respond(ctx, e.status(), e.code(), e.getMessage()));
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                respond(ctx, e.getStatus(), codeFor(e.getStatus()), messageFor(e)));
        config.routes.exception(Exception.class, (e, ctx) -> {
            var dataError = SqlStates.dataException(e);
            if (dataError.isPresent()) {
                respond(ctx, 400, "invalid_request", "body: a value the database cannot store (SQLSTATE "
                        + dataError.get() + "); check the fields for out-of-range numbers, dates or characters");
                return;
            }
            String database = SafeLog.describeDatabaseError(e);
            if (database != null) {
                // Jdbi's and the driver's messages include every bound value: none of them is logged.
                log.error("Unhandled {} on {} {}", database, ctx.method(), SafeLog.maskAddresses(ctx.path()));
            } else {
                log.error("Unhandled error on {} {}", ctx.method(), SafeLog.maskAddresses(ctx.path()), e);
            }
            respond(ctx, 500, "internal_error", "The server failed to handle this request; it has been logged.");
        });
        config.routes.error(404, "*", ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, 404, "not_found", "No such endpoint: " + ctx.method() + " " + ctx.path());
            }
        });
        config.routes.error(405, "*", ctx ->
                respond(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()));
    }

    public static void respond(Context ctx, int status, String code, String message) {
        String path = SafeLog.maskAddresses(ctx.path());
        if (status >= 500) {
            log.error("{} {} -> {} {}", ctx.method(), path, status, SafeLog.maskAddresses(message));
        } else {
            log.warn("{} {} -> {} {}", ctx.method(), path, status, SafeLog.maskAddresses(message));
        }
        if (ctx.path().startsWith(SCIM_PATH)) {
            respondScim(ctx, status, code, message);
            return;
        }
        ctx.status(status).json(Map.of("error", Map.of("code", code, "message", message)));
    }

    private static final String SCIM_PATH = "/scim/v2";
    private static final Set<String> SCIM_TYPES = Set.of("invalidFilter", "tooMany", "uniqueness", "mutability",
            "invalidSyntax", "invalidPath", "noTarget", "invalidValue", "invalidVers", "sensitive");

    /** Identity providers read RFC 7644's error shape on /scim/v2, with scimType when there is one. */
    private static void respondScim(Context ctx, int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:Error"));
        body.put("status", String.valueOf(status));
        if (SCIM_TYPES.contains(code)) {
            body.put("scimType", code);
        }
        body.put("detail", message);
        ctx.status(status).json(body).contentType("application/scim+json");
    }

    private static String messageFor(HttpResponseException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "HTTP " + e.getStatus() : m;
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }
}
