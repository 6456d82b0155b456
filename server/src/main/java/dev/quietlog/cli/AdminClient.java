package dev.quietlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.directory.Bootstrap;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The admin commands talk to a running server over its admin API, like any other client, so
 * they work the same against the embedded database and a shared one, and every change goes
 * through the same checks.
 */
public final class AdminClient {
    @Option(names = "--server", description = "Server URL (default: $QUIETLOG_URL, else http://localhost:$PORT).")
    String server;

    @Option(names = "--token", description = "Admin token (default: $QUIETLOG_ADMIN_TOKEN, else the bootstrap token file in $QUIETLOG_DATA_DIR).")
    String token;

    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode post(String path, Map<String, Object> body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    JsonNode send(String method, String path, Map<String, Object> body) throws IOException, InterruptedException {
        return sendAs(adminToken(), method, path, "application/json",
                body == null ? null : JSON.writeValueAsString(body));
    }

    /** Sends a body of the given type (JSON, or a CSV) and answers the server's JSON. */
    JsonNode send(String method, String path, String contentType, String body) throws IOException, InterruptedException {
        return sendAs(adminToken(), method, path, contentType, body);
    }

    String baseUrl() {
        return server != null ? server : env("QUIETLOG_URL", "http://localhost:" + env("PORT", "8080"));
    }

    /** The same request with another user's token (the demo posts captures as its reps). */
    JsonNode sendAs(String bearer, String method, String path, Object body) throws IOException, InterruptedException {
        return sendAs(bearer, method, path, "application/json", body == null ? null : JSON.writeValueAsString(body));
    }

    private JsonNode sendAs(String bearer, String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        String base = baseUrl();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliFailure("Cannot reach the Quietlog server at " + base + ": is it running (scripts/run)?");
        }
        JsonNode answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() >= 300) {
            String message = answer.path("error").path("message").asText(response.body());
            throw new CliFailure("Server refused (" + response.statusCode() + "): " + message);
        }
        return answer;
    }

    private String adminToken() throws IOException {
        if (token != null) {
            return token.trim();
        }
        String fromEnv = System.getenv("QUIETLOG_ADMIN_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        Path file = Path.of(env("QUIETLOG_DATA_DIR", "./data")).resolve(Bootstrap.TOKEN_FILE);
        if (Files.isReadable(file)) {
            return Files.readString(file).trim();
        }
        throw new CliFailure("No admin token: pass --token, set QUIETLOG_ADMIN_TOKEN, or run where " + file + " exists");
    }

    /** A query-string value, percent-encoded. */
    static String q(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A path segment, percent-encoded (spaces as %20, not +). */
    static String segment(String value) {
        return q(value).replace("+", "%20");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A failure explained in one sentence to the person at the terminal. */
    static final class CliFailure extends RuntimeException {
        CliFailure(String message) {
            super(message, null, false, false);
        }
    }
}
