package dev.quietlog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quietlog.app.Config;
import dev.quietlog.app.RunningServer;
import dev.quietlog.capture.EventLimits;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a long personal never-log list costs a capture: the server's CPU time for the same
 * 1 MiB batch (500 emails, thousands of participants) with an empty list and with a list at its
 * cap (maxPersonalNeverLogEntries of shared-policy/event-limits.json), alternating so JIT and
 * caches favour neither. The server runs in this JVM; PostgreSQL is a process of its own, so the
 * JVM's CPU time is the server's (plus the small, equal cost of sending the request).
 * Run by scripts/bench-never-log.
 */
public final class NeverLogCost {
    private static final int ROUNDS = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Path dataDir = Files.createTempDirectory("quietlog-nlcost-");
        RunningServer server = RunningServer.start(Config.fromEnvironment(Map.of(
                "PORT", "0", "QUIETLOG_DATA_DIR", dataDir.toString(),
                "QUIETLOG_INTERNAL_DOMAINS", "acme.example", "QUIETLOG_ADMIN_EMAIL", "admin@acme.example",
                "QUIETLOG_RATE_LIMIT_PER_MINUTE", "0")));
        try {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String admin = Files.readString(server.bootstrapTokenFile().orElseThrow()).trim();
            send(http, base, "POST", "/api/v1/admin/users", admin,
                    Map.of("email", "rep@acme.example", "name", "Rep", "role", "rep"));
            String rep = send(http, base, "POST", "/api/v1/admin/tokens", admin, Map.of("email", "rep@acme.example"))
                    .path("token").asText();
            byte[] body = oneMebibyteBatch();
            int cap = EventLimits.get().maxPersonalNeverLogEntries();
            Map<String, Object> fullList = neverLogList(cap);
            Map<String, Object> emptyList = Map.of("addresses", List.of(), "domains", List.of());

            capture(http, base, rep, body); // stores the batch; every later post is the same batch again
            for (int i = 0; i < 5; i++) { // warm-up of both paths
                send(http, base, "PUT", "/api/v1/me/never-log", rep, i % 2 == 0 ? fullList : emptyList);
                capture(http, base, rep, body);
            }
            long[] empty = new long[ROUNDS];
            long[] full = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                send(http, base, "PUT", "/api/v1/me/never-log", rep, emptyList);
                empty[i] = capture(http, base, rep, body);
                send(http, base, "PUT", "/api/v1/me/never-log", rep, fullList);
                full[i] = capture(http, base, rep, body);
            }
            System.out.printf("Never-log list cost: one %,d-byte capture (500 emails, %,d participants), %d rounds%n",
                    body.length, participants(body), ROUNDS);
            System.out.printf("  empty personal list:        median %6.1f ms CPU per request%n", median(empty) / 1e6);
            System.out.printf("  %d-entry personal list:    median %6.1f ms CPU per request%n", cap, median(full) / 1e6);
            System.out.printf("  ratio %.2f (goal: about 1; a linear scan per participant made it grow with the list)%n",
                    (double) median(full) / median(empty));
        } finally {
            server.close();
            try (Stream<Path> paths = Files.walk(dataDir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The JVM's CPU time spent while the server handled one capture request, in nanoseconds. */
    private static long capture(HttpClient http, URI base, String token, byte[] body) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/captures"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        long spent = os.getProcessCpuTime() - before;
        JsonNode results = JSON.readTree(r.body()).path("results");
        if (r.statusCode() != 200 || results.size() != 500 || results.findValuesAsText("status").contains("rejected")
                || results.findValuesAsText("status").contains("skipped")) {
            throw new IllegalStateException("capture answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(400, r.body().length())));
        }
        return spent;
    }

    /** 500 customer emails with as many recipients as fit in the 1 MiB limit. */
    private static byte[] oneMebibyteBatch() throws Exception {
        int limit = EventLimits.get().maxBodyBytes();
        byte[] best = null;
        for (int recipients = 10; ; recipients++) {
            byte[] body = batch(recipients);
            if (body.length > limit) {
                return best;
            }
            best = body;
        }
    }

    private static byte[] batch(int recipients) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("client").put("name", "never-log-cost").put("version", "1");
        ArrayNode events = root.putArray("events");
        for (int e = 0; e < 500; e++) {
            ObjectNode ev = events.addObject().put("type", "email").put("source", "gmail")
                    .put("sourceId", "s" + e).put("messageId", "<m" + e + "@mail.acme.example>")
                    .put("threadId", "t" + e).put("direction", "outbound")
                    .put("occurredAt", "2026-11-20T10:15:00Z").put("subject", "Proposal " + e)
                    .put("mailbox", "rep@acme.example");
            ev.putObject("from").put("email", "rep@acme.example").put("name", "Rep");
            ArrayNode to = ev.putArray("to");
            for (int r = 0; r < recipients; r++) {
                to.addObject().put("email", "buyer" + r + "@sales.customer" + (e % 50) + ".example.com")
                        .put("name", "Buyer " + r);
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    /** Half addresses, half domains, none matching the batch's participants (so nothing is skipped). */
    private static Map<String, Object> neverLogList(int size) {
        List<String> addresses = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < size / 2; i++) {
            addresses.add("friend" + i + "@private" + i + ".example.org");
            domains.add("family" + i + ".example.net");
        }
        return Map.of("addresses", addresses, "domains", domains);
    }

    private static int participants(byte[] body) throws Exception {
        int n = 0;
        for (JsonNode e : JSON.readTree(body).path("events")) {
            n += 1 + e.path("to").size();
        }
        return n;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static JsonNode send(HttpClient http, URI base, String method, String path, String token,
                                 Map<String, ?> body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
