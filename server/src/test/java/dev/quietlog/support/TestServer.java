package dev.quietlog.support;

import dev.quietlog.app.Config;
import dev.quietlog.app.QuietlogApp;
import dev.quietlog.app.Services;
import dev.quietlog.db.Database;
import dev.quietlog.db.DatabaseUrl;
import dev.quietlog.directory.Bootstrap;
import io.javalin.Javalin;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real app on port 0 against a real PostgreSQL. One embedded PostgreSQL serves the whole
 * test run; each TestServer gets a database of its own, so test classes cannot see each
 * other's data.
 */
public final class TestServer implements AutoCloseable {
    private static EmbeddedPostgres postgres;

    private final Database database;
    private final Javalin app;
    private final Services services;
    private final String adminToken;
    private final Config config;
    private final String jdbcUrl;

    private TestServer(Database database, Javalin app, Services services, String adminToken, Config config, String jdbcUrl) {
        this.database = database;
        this.app = app;
        this.services = services;
        this.adminToken = adminToken;
        this.config = config;
        this.jdbcUrl = jdbcUrl;
    }

    /** A second copy of the server on the same database, as behind a load balancer. */
    public TestServer anotherCopy() {
        Database db = Database.connect(DatabaseUrl.parse(jdbcUrl), 4);
        Services copy = Services.build(config, db, Clock.systemUTC());
        return new TestServer(db, QuietlogApp.create(copy).start(0), copy, adminToken, config, jdbcUrl);
    }

    public static TestServer start() {
        return start(0);
    }

    /** A server whose capture endpoint allows this many requests a minute per token (0: no limit). */
    public static TestServer start(int captureRequestsPerMinute) {
        return start(Map.of("QUIETLOG_RATE_LIMIT_PER_MINUTE", Integer.toString(captureRequestsPerMinute)));
    }

    /**
     * A server configured as from these environment variables over the tests' defaults (org Acme,
     * admin@acme.com, no rate limits), with a database of its own.
     */
    public static TestServer start(Map<String, String> env) {
        try {
            String dbName = "t_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database " + dbName);
            }
            Path dataDir = Files.createTempDirectory("quietlog-test");
            Map<String, String> merged = new HashMap<>(Map.of(
                    "PORT", "0",
                    "QUIETLOG_DATA_DIR", dataDir.toString(),
                    "QUIETLOG_ISSUER", "quietlog-test",
                    "QUIETLOG_ORG_NAME", "Acme",
                    "QUIETLOG_ADMIN_EMAIL", "admin@acme.com",
                    "QUIETLOG_INTERNAL_DOMAINS", "acme.com",
                    "QUIETLOG_RATE_LIMIT_PER_MINUTE", "0",
                    "QUIETLOG_WRITE_RATE_LIMIT_PER_MINUTE", "0"));
            merged.putAll(env);
            Config config = Config.fromEnvironment(merged);
            String jdbcUrl = postgres().getJdbcUrl("postgres", dbName);
            Database database = Database.connect(DatabaseUrl.parse(jdbcUrl), 16);
            database.migrate();
            Services services = Services.build(config, database, Clock.systemUTC());
            Path tokenFile = Bootstrap.runOnce(database.jdbi(), services.directory(), config).orElseThrow();
            String adminToken = Files.readString(tokenFile).trim();
            Javalin app = QuietlogApp.create(services).start(0);
            return new TestServer(database, app, services, adminToken, config, jdbcUrl);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test server", e);
        }
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return postgres;
    }

    public String baseUrl() {
        return "http://localhost:" + app.port();
    }

    public String adminToken() {
        return adminToken;
    }

    public Services services() {
        return services;
    }

    public Database database() {
        return database;
    }

    /** A single number from the test's database, for assertions on what was stored. */
    public long count(String sql, Object... args) {
        return database.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }

    @Override
    public void close() {
        app.stop();
        database.close();
    }
}
