package dev.quietlog.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The connection pool, the schema (Flyway only) and the Jdbi built on them. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private volatile boolean migrationsApplied;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource)
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin());
    }

    public static Database connect(DatabaseUrl url, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("quietlog");
        // Batches are written with a few set-based statements; reWriteBatchedInserts helps the rest.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new Database(new HikariDataSource(config));
    }

    public void migrate() {
        flyway().migrate();
    }

    /**
     * True when the database answers and every migration on the classpath has been applied.
     * Migrations are compared once; after that a load balancer's frequent probe costs one
     * round trip, not a scan of the classpath.
     */
    public boolean isReady() {
        try {
            if (!migrationsApplied) {
                var info = flyway().info();
                migrationsApplied = info.pending().length == 0 && info.current() != null;
                return migrationsApplied;
            }
            return jdbi.withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** A connection outside the pool, for a long-lived LISTEN that must not hold a pooled one. */
    public java.sql.Connection openDedicatedConnection() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
