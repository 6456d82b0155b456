package dev.quietlog.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Failures Jetty answers itself, before a request reaches the app (a 16 KB header is 431, a
 * malformed request line 400), get the same JSON error shape as everything else instead of
 * Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    private static byte[] body(int status, String reason) {
        String message = reason == null || reason.isBlank() ? "HTTP " + status : reason;
        if (status == 431) {
            message = "Request headers too large";
        }
        String json = "{\"error\":{\"code\":\"" + ErrorMapping.codeFor(status) + "\",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ") + "\"}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
