package dev.quietlog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** POST /api/v1/captures as the extension sends it, and the reading of its answer; shared by both load phases. */
final class Captures {
    /** Long enough that a request is only given up when something is stuck, not merely queued. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    final HttpClient http;
    private final URI uri;
    private final ObjectMapper json;

    Captures(URI base, ObjectMapper json) {
        this.uri = base.resolve("/api/v1/captures");
        this.json = json;
        // HTTP/1.1 with kept-alive connections, as each browser holds its own. The client pools them
        // and opens another when every pooled one is busy (the open loop can overlap a rep's requests).
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    HttpRequest request(String token, EventFactory.Batch batch) {
        return HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(batch)))
                .build();
    }

    private byte[] body(EventFactory.Batch batch) {
        ObjectNode root = json.createObjectNode();
        root.putObject("client").put("name", "quietlog-bench").put("version", "1");
        root.set("events", batch.events);
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The per-event results of a 200 answer, counted by status. A body that is not JSON, a result
     * count that does not match and every {@code rejected} event go to {@code errors}.
     */
    Map<String, Long> results(String who, byte[] body, int sent, Errors errors) {
        Map<String, Long> statuses = new TreeMap<>();
        JsonNode results;
        try {
            results = json.readTree(body).path("results");
        } catch (IOException e) {
            errors.failed(who + ": 200 with a body that is not JSON: " + new String(body));
            return statuses;
        }
        if (results.size() != sent) {
            errors.failed(who + ": " + sent + " events sent, " + results.size() + " results: " + new String(body));
        }
        for (JsonNode r : results) {
            String status = r.path("status").asText("?");
            if (status.equals("rejected")) {
                errors.rejected(r.path("reason").asText());
            }
            statuses.merge(status, 1L, Long::sum);
        }
        return statuses;
    }
}
