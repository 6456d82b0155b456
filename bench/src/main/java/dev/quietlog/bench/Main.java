package dev.quietlog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.Config;
import dev.quietlog.app.RunningServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The capture benchmark: the whole server in this JVM on its embedded PostgreSQL, simulated reps
 * posting capture batches as fast as it answers (throughput at saturation), then on a schedule at
 * a load it can carry (latency as a rep sees it), then a raw COPY into the same PostgreSQL as the
 * yardstick. Reports and exits 0; exits 1 when requests failed or events were rejected, because
 * then the figures measure something other than the capture path.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load POST /api/v1/captures and compare with a raw COPY into the same PostgreSQL.")
public final class Main implements Callable<Integer> {
    @Option(names = "--reps", description = "Simulated reps, one thread and one token each (default: ${DEFAULT-VALUE}).")
    int reps = 100;

    @Option(names = "--batch", description = "Events per request (default: ${DEFAULT-VALUE}).")
    int batch = 50;

    @Option(names = "--seconds", description = "Measured period (default: ${DEFAULT-VALUE}).")
    int seconds = 30;

    @Option(names = "--warmup", description = "Seconds of load before measuring, for the JIT and caches (default: ${DEFAULT-VALUE}).")
    int warmup = 5;

    @Option(names = "--rate", paramLabel = "<events/s>", description = "Offered load of the open-loop phase "
            + "(default: half the closed loop's throughput, to two significant digits).")
    Long rate;

    @Option(names = "--open-seconds", description = "Length of the open-loop phase (default: as --seconds).")
    Integer openSeconds;

    @Option(names = "--no-open", description = "Skip the open-loop phase (no latency figure against the p99 goal).")
    boolean noOpen;

    @Option(names = "--seed", description = "Seed for the made-up customers and mail, so runs are comparable (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    /** The COPY ceiling is timed over at least this many rows, so a short run still gets a steady figure. */
    private static final long MIN_COPY_ROWS = 200_000;

    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    public static void main(String[] args) {
        // The server's INFO lines (embedded PostgreSQL start-up, each request warning) would bury the report.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (openSeconds == null) {
            openSeconds = seconds;
        }
        if (reps < 1 || batch < 1 || batch > 500 || seconds < 1 || warmup < 0 || openSeconds < 1
                || (rate != null && rate < 1)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "need --reps >= 1, 1 <= --batch <= 500, --seconds >= 1, --warmup >= 0, --open-seconds >= 1, "
                            + "--rate >= 1");
        }
        Path dataDir = Files.createTempDirectory("quietlog-bench-");
        err.println("Starting the server with its embedded PostgreSQL in " + dataDir + " …");
        RunningServer server;
        try {
            server = RunningServer.start(Config.fromEnvironment(Map.of(
                    "PORT", "0",
                    "QUIETLOG_DATA_DIR", dataDir.toString(),
                    "QUIETLOG_INTERNAL_DOMAINS", Corpus.INTERNAL_DOMAIN,
                    "QUIETLOG_ADMIN_EMAIL", "admin@" + Corpus.INTERNAL_DOMAIN,
                    // Off: the benchmark is one client hammering on purpose. Harmless on servers without it.
                    "QUIETLOG_RATE_LIMIT_PER_MINUTE", "0",
                    "QUIETLOG_WRITE_RATE_LIMIT_PER_MINUTE", "0")));
        } catch (RuntimeException e) {
            deleteTree(dataDir);
            throw e;
        }
        // Ctrl-C must not leave a PostgreSQL running or a data directory behind.
        Thread cleanup = new Thread(() -> stop(server, dataDir), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            String admin = Files.readString(server.bootstrapTokenFile()
                    .orElseThrow(() -> new IllegalStateException("a fresh data dir should have made a bootstrap token")))
                    .trim();
            // Printed so that the database can be looked at while the load runs (pg_stat_activity, locks).
            err.println("Server on " + base + ", PostgreSQL at " + server.databaseUrl().jdbcUrl());
            err.printf("Creating %d reps and their tokens …%n", reps);
            List<String> tokens = provisionReps(base, admin);

            Corpus corpus = Corpus.build(seed, reps, 2_000, 20_000);
            out.printf("Quietlog capture benchmark: %d reps × %d-event batches, closed loop, %d s warmup + %d s measured, "
                    + "%s, %d cores%n", reps, batch, warmup, seconds,
                    noOpen ? "no open loop"
                            : "then open loop at " + (rate == null ? "half that throughput" : String.format("%,d events/s", rate))
                            + " for " + openSeconds + " s",
                    Runtime.getRuntime().availableProcessors());
            out.printf("customers: %,d companies, %,d contacts%n", corpus.companies.size(),
                    corpus.companies.stream().mapToInt(c -> c.contacts().size()).sum());
            Report.mix(out, batch);
            out.flush();

            // One set of reps for both phases: the open loop goes on with each rep's mail (see Reps).
            Reps simulated = new Reps(tokens, corpus, seed, json);
            Captures captures = new Captures(base, json);
            err.printf("Closed loop: %d reps posting back to back …%n", reps);
            LoadRunner.Result load = new LoadRunner(simulated, captures, batch, Duration.ofSeconds(warmup),
                    Duration.ofSeconds(seconds), err).run();

            OpenLoopRunner.Result open = null;
            if (!noOpen) {
                long offered = rate != null ? rate : twoSignificantDigits(load.eventsPerSecond() / 2);
                if (offered < 1) {
                    err.println("Open loop skipped: the closed loop answered nothing, so there is no load to offer.");
                } else {
                    err.printf("Open loop: %,d events/s offered by %d reps on a schedule, %d s …%n",
                            offered, reps, openSeconds);
                    open = new OpenLoopRunner(simulated, captures, batch, offered, Duration.ofSeconds(openSeconds),
                            seed, err).run();
                }
            }

            long stored = countInteractions(server);
            long rows = Math.max(MIN_COPY_ROWS, stored);
            err.printf("COPY ceiling: streaming %,d rows into a plain table, three times …%n", rows);
            CopyCeiling.Result copy = CopyCeiling.measure(server.databaseUrl(), rows, corpus, seed, json, err);

            Report.print(out, this, load, open, copy);
            out.flush();
            return load.errors() > 0 || (open != null && open.errors() > 0) ? 1 : 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already stopping the server.
            }
            stop(server, dataDir);
        }
    }

    /** 1,537 → 1,500: the offered load reads as a chosen figure, and nearby runs offer the same one. */
    static long twoSignificantDigits(double value) {
        if (value < 100) {
            return Math.round(value);
        }
        double scale = Math.pow(10, Math.floor(Math.log10(value)) - 1);
        return Math.round(Math.round(value / scale) * scale);
    }

    private List<String> provisionReps(URI base, String adminToken) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> tokens = new ArrayList<>(reps);
        for (int i = 1; i <= reps; i++) {
            Corpus.Person rep = Corpus.repAt(i);
            post(http, base.resolve("/api/v1/admin/users"), adminToken,
                    Map.of("email", rep.email(), "name", rep.name(), "role", "rep"));
            JsonNode issued = post(http, base.resolve("/api/v1/admin/tokens"), adminToken, Map.of("email", rep.email()));
            tokens.add(issued.path("token").asText());
        }
        return tokens;
    }

    private JsonNode post(HttpClient http, URI uri, String token, Map<String, String> body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + uri.getPath() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return json.readTree(response.body());
    }

    private static long countInteractions(RunningServer server) throws java.sql.SQLException {
        var url = server.databaseUrl();
        try (var c = java.sql.DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             var st = c.createStatement();
             var rs = st.executeQuery("select count(*) from interactions")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static synchronized void stop(RunningServer server, Path dataDir) {
        if (!Files.exists(dataDir)) {
            return; // already done by the other path (normal end or Ctrl-C)
        }
        try {
            server.close();
        } finally {
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }
}
