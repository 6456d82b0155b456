package dev.quietlog.app;

import dev.quietlog.web.WebPages;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the errors Jetty produces before a request reaches Javalin (a malformed URI, headers
 * or a URI too long, a bad request line) with the same JSON error shape and security headers
 * as everything else, instead of Jetty's HTML page. Nothing from the request is echoed.
 */
final class JettyErrors extends ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(JettyErrors.class);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
        log.warn("{} -> {} (answered by Jetty before routing)", request.getMethod(), status);
        headers(response.getHeaders());
        response.write(true, body(status), callback);
        return true;
    }

    /** Requests so malformed that HTTP/1 parsing failed (431, 414, 400 on the request line). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        log.warn("Malformed request -> {}", status);
        headers(fields);
        return body(status);
    }

    private static void headers(HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        fields.put("Content-Security-Policy", WebPages.CONTENT_SECURITY_POLICY);
        fields.put("X-Content-Type-Options", "nosniff");
        fields.put("Referrer-Policy", "no-referrer");
        fields.put("X-Frame-Options", "DENY");
    }

    private static ByteBuffer body(int status) {
        String code = switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
        String message = switch (status) {
            case 400 -> "The request is malformed (request line, URI or headers)";
            case 404 -> "No such endpoint";
            case 405 -> "Method not allowed";
            case 413 -> "The request body is too large";
            case 414 -> "The request URI is too long";
            case 431 -> "The request headers are too large";
            default -> "HTTP " + status;
        };
        String json = "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }
}
