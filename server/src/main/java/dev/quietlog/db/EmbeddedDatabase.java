package dev.quietlog.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started by the server itself when no DATABASE_URL is given.
 * Its data directory lives under the data dir and survives restarts; durability is on,
 * unlike the library's test-oriented defaults, because this is where a newcomer's data lives.
 *
 * <p>Other users of the machine are adversaries here: the cluster accepts only SCRAM password
 * logins (no trust, no peer), its socket lives in a 0700 directory of the data dir rather than
 * in the shared /tmp, its binaries are unpacked inside the data dir, and the server itself
 * connects as a role that owns the schema but is not a superuser. How the cluster is brought
 * to that state, before it ever listens, is {@link ClusterSecurity}'s job.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** The database the schema lives in: the one the previous versions used, so their data stays put. */
    static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final ClusterSecurity security;

    private EmbeddedDatabase(EmbeddedPostgres postgres, ClusterSecurity security) {
        this.postgres = postgres;
        this.security = security;
    }

    public static EmbeddedDatabase start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        try {
            ClusterSecurity security = ClusterSecurity.in(dataDir);
            Files.createDirectories(pgData);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    // The binaries are executed as this user: unpacked where only it can write.
                    .setOverrideWorkingDirectory(security.binariesDirectory().toFile())
                    // zonky remembers unpacked binaries per resolver for the whole JVM: a resolver of
                    // our own makes it unpack (once) into this data dir rather than reuse another's.
                    .setPgBinaryResolver(new PgBinaryResolver() { // a new instance, never a cached lambda
                        @Override
                        public InputStream getPgBinary(String system, String arch) throws IOException {
                            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch);
                        }
                    })
                    // Runs after initdb (whose trust setup never listens) and before the postmaster
                    // starts: only SCRAM logins from then on, passwords set offline.
                    .setDataDirectoryCustomizer(dir -> security.secure(dir.toPath()))
                    .setConnectConfig("password", security.superuserPassword())
                    .setServerConfig("unix_socket_directories", security.socketDirectory())
                    .setServerConfig("unix_socket_permissions", "0700")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    // Memory for a single-machine install (scripts/run, small deployments): the
                    // default 128 MB of shared buffers keeps too little of the dashboard's indexes
                    // in memory at millions of interactions. 512 MB is claimed only as it is used;
                    // effective_cache_size tells the planner the OS caches more; work_mem lets
                    // the dashboard's sorts and hashes stay in memory. An external PostgreSQL is
                    // tuned by its operator (docs/it-guide.md).
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("effective_cache_size", "2GB")
                    .setServerConfig("work_mem", "16MB")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .start();
            security.closeBinariesDirectory(); // zonky opens it up for others while unpacking
            log.info("Embedded PostgreSQL running on port {} with data in {}", pg.getPort(), pgData);
            return new EmbeddedDatabase(pg, security);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgData, e);
        }
    }

    /** How the server connects: as the schema's owner, never as the superuser. */
    public DatabaseUrl databaseUrl() {
        return new DatabaseUrl("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE,
                ClusterSecurity.APP_ROLE, security.appPassword());
    }

    public int port() {
        return postgres.getPort();
    }

    /** The directory holding the cluster's unix socket (inside the data dir). */
    public Path socketDirectory() {
        return Path.of(security.socketDirectory());
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
