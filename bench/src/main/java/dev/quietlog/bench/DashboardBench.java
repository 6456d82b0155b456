package dev.quietlog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.Config;
import dev.quietlog.app.RunningServer;
import dev.quietlog.db.Database;
import dev.quietlog.directory.Bootstrap;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `scripts/bench dashboard`: seeds an org with many interactions (SQL generate_series into the
 * capture tables, rollups built with the same definitions the capture path uses), then times
 * each dashboard page over HTTP as a manager signed in through the login form (cold accounts
 * as an admin, over the whole org), measures capture-to-visible through the live-update stream,
 * and writes EXPLAIN (ANALYZE, BUFFERS) of every page query to a file it names.
 */
@Command(name = "bench dashboard", mixinStandardHelpOptions = true,
        description = "Seed many interactions and time the dashboard pages.")
public final class DashboardBench implements Callable<Integer> {
    @Option(names = "--interactions", description = "Interactions to seed (default: ${DEFAULT-VALUE}).")
    long interactions = 10_000_000;

    @Option(names = "--reps", description = "Reps, in teams of 20 (default: ${DEFAULT-VALUE}).")
    int reps = 1_000;

    @Option(names = "--accounts", description = "Customer accounts (default: ${DEFAULT-VALUE}).")
    int accounts = 50_000;

    @Option(names = "--days", description = "Days of history (default: ${DEFAULT-VALUE}).")
    int days = 365;

    @Option(names = "--requests", description = "Timed requests per page (default: ${DEFAULT-VALUE}).")
    int requests = 60;

    @Option(names = "--captures", description = "Captures timed from POST to visible (default: ${DEFAULT-VALUE}).")
    int captures = 100;

    @Option(names = "--data-dir", description = "Keep the server's data here and reuse it next time: seeds only when it "
            + "holds no interactions yet (default: a temporary directory, deleted at the end).")
    Path keptDataDir;

    @Option(names = "--explain", description = "File for the EXPLAIN output (default: bench/target/dashboard-explain.txt).")
    Path explainFile = Path.of("bench/target/dashboard-explain.txt");

    private static final double GOAL_P95_MS = 100;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Random random = new Random(42);

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(new CommandLine(new DashboardBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dataDir = keptDataDir != null ? Files.createDirectories(keptDataDir.toAbsolutePath())
                : Files.createTempDirectory("quietlog-dashboard-bench-");
        RunningServer server = RunningServer.start(Config.fromEnvironment(Map.of(
                "PORT", "0", "QUIETLOG_DATA_DIR", dataDir.toString(),
                "QUIETLOG_INTERNAL_DOMAINS", "acme.com", "QUIETLOG_ADMIN_EMAIL", "admin@acme.com",
                "QUIETLOG_RATE_LIMIT_PER_MINUTE", "0")));
        // Ctrl-C must not leave a PostgreSQL running; a normal end closes it in the finally below.
        Thread hook = new Thread(server::close, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Database db = Database.connect(server.databaseUrl(), 2)) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            String admin = Files.readString(dataDir.resolve(Bootstrap.TOKEN_FILE)).trim();
            Jdbi jdbi = db.jdbi();
            UUID org = jdbi.withHandle(h -> h.createQuery("select id from orgs").mapTo(UUID.class).one());

            long started = System.nanoTime();
            boolean reused = jdbi.withHandle(h -> h.createQuery("select exists (select 1 from interactions)").mapTo(Boolean.class).one());
            if (reused) {
                err.printf("Reusing the interactions already in %s%n", dataDir);
            } else {
                err.printf("Seeding %,d interactions for %,d reps and %,d accounts over %d days …%n", interactions, reps, accounts, days);
                seed(jdbi, org);
            }
            double seedSeconds = (System.nanoTime() - started) / 1e9;
            long n = jdbi.withHandle(h -> h.createQuery("select count(*) from interactions").mapTo(Long.class).one());
            if (!reused) {
                err.printf("Seeded %,d interactions in %.0f s%n", n, seedSeconds);
            }

            String managerToken = token(base, admin, "manager0@bench.test");
            String managerCookie = login(base, managerToken);
            String adminCookie = login(base, admin);
            List<UUID> teamReps = jdbi.withHandle(h -> h.createQuery("""
                    select m.user_id from team_members m join teams t on t.org_id = m.org_id and t.id = m.team_id
                    where t.name = 'Team 0' and m.role = 'rep' order by m.user_id""").mapTo(UUID.class).list());
            List<String> teamAccounts = jdbi.withHandle(h -> h.createQuery("""
                    select distinct account_domain from rep_account_days
                    where user_id = any(:reps) and day > current_date - 90 limit 500""")
                    .bindArray("reps", UUID.class, teamReps).mapTo(String.class).list());

            out.printf("Quietlog dashboard benchmark: %,d interactions, %,d reps (teams of 20), %,d accounts, %d days; "
                    + "%s; %d timed requests per page after 5 warm-up; %d cores%n",
                    n, reps, accounts, days, reused ? "reused from " + dataDir : String.format("seeded in %.0f s", seedSeconds),
                    requests, Runtime.getRuntime().availableProcessors());
            // Cold accounts both ways: an admin's candidates are counted over the whole org, a
            // manager's over their team's reps, and "who knows it best" is picked among them.
            record Page(String name, boolean asAdmin, Supplier<String> path) {
            }
            List<Page> pages = List.of(
                    new Page("team overview", false, () -> "/dashboard/team?range=90"),
                    new Page("rep page", false, () -> "/dashboard/reps/" + pick(teamReps) + "?range=30"),
                    new Page("account page", false, () -> "/dashboard/accounts/" + pick(teamAccounts) + "?range=90"),
                    new Page("cold accounts", true, () -> "/dashboard/cold?range=90&touches=3&quietDays=30"),
                    new Page("cold accounts", false, () -> "/dashboard/cold?range=90&touches=3&quietDays=30"),
                    new Page("search", false, () -> "/dashboard/search?q="
                            + URLEncoder.encode("account" + (1 + random.nextInt(999)), StandardCharsets.UTF_8)));
            boolean allUnderGoal = true;
            for (Page page : pages) {
                String cookie = page.asAdmin() ? adminCookie : managerCookie;
                for (int i = 0; i < 5; i++) {
                    get(base, cookie, page.path().get());
                }
                double[] ms = new double[requests];
                for (int i = 0; i < requests; i++) {
                    String path = page.path().get();
                    long t0 = System.nanoTime();
                    get(base, cookie, path);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                double p95 = percentile(ms, 95);
                allUnderGoal &= p95 < GOAL_P95_MS;
                out.printf("dashboard: %s p50 %.1f ms p95 %.1f ms at %d interactions%s%n", page.name(), percentile(ms, 50), p95, n,
                        page.asAdmin() ? " (admin, whole org)" : " (manager of 20 reps)");
            }
            out.printf("dashboard: goal p95 < %.0f ms per page: %s%n", GOAL_P95_MS, allUnderGoal ? "met" : "NOT met");

            captureToVisible(base, admin, managerCookie, teamReps.get(0), jdbi, n);
            explain(jdbi, org, teamReps, teamAccounts);
            out.printf("dashboard: EXPLAIN (ANALYZE, BUFFERS) of every page query in %s%n", explainFile.toAbsolutePath());
            return 0;
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            if (keptDataDir == null) {
                try (var paths = Files.walk(dataDir)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** The tables the seed fills in bulk: their indexes and foreign keys are dropped first and built after. */
    private static final List<String> BULK_TABLES = List.of("interactions", "interaction_links",
            "interaction_contacts", "rep_touches", "account_touches", "rep_days", "rep_account_days", "rep_accounts", "rep_contacts",
            "rep_day_accounts",
            "account_days", "account_activity", "contacts");
    private static final long CHUNK = 1_000_000;

    private void seed(Jdbi jdbi, UUID org) throws IOException {
        String script;
        try (InputStream in = DashboardBench.class.getClassLoader().getResourceAsStream("dashboard-seed.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        jdbi.useHandle(h -> {
            h.execute("set maintenance_work_mem = '1GB'");
            // Foreign keys first, then plain indexes, then primary keys; built again in the opposite order.
            List<String[]> ddl = h.createQuery("""
                    select c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype::text
                    from pg_constraint c
                    where c.conrelid = any(cast(:tables as regclass[])) and c.contype in ('f', 'p', 'u') and c.conparentid = 0
                    union all
                    select i.indrelid::regclass::text, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), 'i'
                    from pg_index i
                    where i.indrelid = any(cast(:tables as regclass[]))
                      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)""")
                    .bindArray("tables", String.class, BULK_TABLES)
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                    .list();
            ddl.sort(java.util.Comparator.comparingInt(d -> "fip".indexOf(d[3])));
            for (String[] d : ddl) {
                h.execute(d[3].equals("i") ? "drop index " + d[1] : "alter table " + d[0] + " drop constraint " + d[1]);
            }
            err.printf("  dropped %d indexes and constraints of the bulk-loaded tables%n", ddl.size());

            String[] statements = script.split("\n;;\n");
            for (int k = 0; k < statements.length; k++) {
                boolean chunked = statements[k].lines().anyMatch(l -> l.strip().equals("-- chunked"));
                String sql = statements[k].lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + b + "\n").trim();
                if (sql.isEmpty()) {
                    continue;
                }
                String what = sql.lines().findFirst().orElse("");
                long t0 = System.nanoTime();
                for (long lo = 1; lo <= (chunked ? interactions : 1); lo += CHUNK) {
                    long hi = Math.min(interactions, lo + CHUNK - 1);
                    var u = h.createUpdate(sql);
                    u.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
                    u.bind("org", org).bind("n", interactions).bind("reps", reps).bind("accounts", accounts).bind("days", days)
                            .bind("lo", lo).bind("hi", hi).execute();
                    if (chunked && hi < interactions) {
                        err.printf("  %5.0f s  %,d / %,d  %s%n", (System.nanoTime() - t0) / 1e9, hi, interactions, what);
                    }
                }
                err.printf("  %5.0f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
            }

            java.util.Collections.reverse(ddl);
            for (String[] d : ddl) {
                long t0 = System.nanoTime();
                h.execute(d[3].equals("i") ? d[2] : "alter table " + d[0] + " add constraint " + d[1] + " " + d[2]);
                err.printf("  %5.0f s  built %s on %s%n", (System.nanoTime() - t0) / 1e9, d[1], d[0]);
            }
            // As autovacuum would have left a database that took months to fill: statistics, and the
            // visibility map that lets the rollups' covering indexes answer without the heap.
            long t0 = System.nanoTime();
            h.execute("vacuum (analyze) " + String.join(", ", BULK_TABLES));
            h.execute("analyze");
            err.printf("  %5.0f s  vacuum (analyze)%n", (System.nanoTime() - t0) / 1e9);
        });
    }

    /**
     * Time from the start of a rep's capture POST until a manager's open rep page would show it:
     * the "change" event on the live stream, then the page fetched again and containing the
     * subject, as the page's script does.
     */
    private void captureToVisible(URI base, String admin, String cookie, UUID repId, Jdbi jdbi, long n) throws Exception {
        String repEmail = jdbi.withHandle(h -> h.createQuery("select email from users where id = :id").bind("id", repId)
                .mapTo(String.class).one());
        String repToken = token(base, admin, repEmail);
        BlockingQueue<Long> changes = new LinkedBlockingQueue<>();
        HttpRequest stream = HttpRequest.newBuilder(base.resolve("/dashboard/live")).header("Cookie", cookie)
                .header("Accept", "text/event-stream").build();
        var subscription = http.sendAsync(stream, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(line -> {
            if (line.startsWith("event: change") || line.startsWith("event:change")) {
                changes.add(System.nanoTime());
            }
        }));
        Thread.sleep(500); // let the subscription register before the first capture (setup, not a measurement)
        double[] ms = new double[captures];
        for (int i = 0; i < captures; i++) {
            String subject = "Visible check " + i + " " + UUID.randomUUID();
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", "email");
            event.put("source", "gmail");
            event.put("sourceId", "bench-live-" + UUID.randomUUID());
            event.put("messageId", "<" + UUID.randomUUID() + "@bench.test>");
            event.put("threadId", "bench-live");
            event.put("direction", "outbound");
            event.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
            event.put("from", Map.of("email", repEmail, "name", "Rep"));
            event.put("to", List.of(Map.of("email", "c1@account7.com", "name", "Contact")));
            event.put("cc", List.of());
            event.put("subject", subject);
            event.put("mailbox", repEmail);
            changes.clear();
            long t0 = System.nanoTime();
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/captures"))
                    .header("Authorization", "Bearer " + repToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                            Map.of("client", Map.of("name", "bench", "version", "1"), "events", List.of(event)))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (posted.statusCode() != 200) {
                throw new IllegalStateException("capture answered " + posted.statusCode() + ": " + posted.body());
            }
            boolean seen = false;
            while (!seen) {
                Long change = changes.poll(10, TimeUnit.SECONDS);
                if (change == null) {
                    throw new IllegalStateException("no live change event within 10 s of a capture");
                }
                seen = get(base, cookie, "/dashboard/reps/" + repId + "?range=7").contains(subject);
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        subscription.cancel(true);
        Arrays.sort(ms);
        out.printf("dashboard: capture-to-visible p50 %.0f ms p99 %.0f ms over %d captures at %d interactions (goal: within 2000 ms)%n",
                percentile(ms, 50), percentile(ms, 99), captures, n);
    }

    private void explain(Jdbi jdbi, UUID org, List<UUID> teamReps, List<String> teamAccounts) throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        UUID[] visible = jdbi.withHandle(h -> h.createQuery("""
                select m.user_id from team_members m join teams t on t.org_id = m.org_id and t.id = m.team_id
                where t.name = 'Team 0' order by 1""").mapTo(UUID.class).list()).toArray(UUID[]::new);
        StringBuilder report = new StringBuilder();
        String[][] queries = {
            {"team overview", "rep-totals", "90"}, {"team overview", "weeks", "90"},
            {"rep page", "rep-totals", "30"}, {"rep page", "weeks", "30"}, {"rep page", "rep-accounts", "30"},
            {"rep page", "rep-timeline", "30"},
            {"account page", "account-timeline", "90"}, {"account page", "account-counts", "90"},
            {"account page", "account-contacts", "90"}, {"account page", "account-reps", "90"},
            {"cold accounts", "cold-accounts", "90"}, {"cold accounts as a manager", "cold-accounts", "90"},
            {"search", "search-contacts", "30"}, {"search", "search-accounts", "30"},
        };
        jdbi.useHandle(h -> {
            for (String[] q : queries) {
                boolean admin = q[0].equals("cold accounts");
                boolean onePerson = q[0].equals("rep page");
                int rangeDays = Integer.parseInt(q[2]);
                String sql = ClasspathSqlLocator.removingComments().getResource(getClass().getClassLoader(),
                        "sql/dashboard/" + q[1] + ".sql");
                Query query = h.createQuery("explain (analyze, buffers) " + sql);
                query.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
                query.define("when", "a.occurred_at >= :fromTs and a.occurred_at < :toTs and i.occurred_at >= :fromTs and i.occurred_at < :toTs").define("order", "desc");
                LocalDate from = today.minusDays(rangeDays - 1);
                query.bind("org", org)
                        .bindByType("visible", admin ? null : visible, UUID[].class)
                        .bindArray("reps", UUID.class, onePerson ? List.of(teamReps.get(0)) : teamReps)
                        .bind("user", teamReps.get(0)).bind("domain", teamAccounts.get(0))
                        .bind("from", from).bind("to", today)
                        .bind("fromTs", from.atStartOfDay().atOffset(ZoneOffset.UTC))
                        .bind("toTs", today.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                        .bind("priorTo", today.minusDays(30)).bind("priorFrom", today.minusDays(30 + 89))
                        .bind("min", 3).bind("limit", 200).bind("pattern", "%account123%");
                report.append("== ").append(q[0]).append(": sql/dashboard/").append(q[1]).append(".sql")
                        .append(admin ? " (admin: whole org)" : " (manager of 20 reps)").append('\n');
                query.mapTo(String.class).forEach(line -> report.append(line).append('\n'));
                report.append('\n');
            }
        });
        Files.createDirectories(explainFile.toAbsolutePath().getParent());
        Files.writeString(explainFile, report.toString());
    }

    private String token(URI base, String admin, String email) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/admin/tokens"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("email", email)))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(r.body());
        return body.path("token").asText();
    }

    private String login(URI base, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", base.toString().replaceAll("/$", ""))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow(() -> new IllegalStateException("login set no cookie"));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private String get(URI base, String cookie, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body().substring(0, Math.min(300, r.body().length())));
        }
        return r.body();
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
