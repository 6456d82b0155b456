package dev.quietlog.db;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the embedded cluster to "password logins only" before it ever listens, on a fresh
 * data dir and on one made by an earlier version (trust logins, the server connected as the
 * superuser): the passwords are set in single-user mode (no socket, no TCP), the schema is
 * handed to a non-superuser role, and pg_hba.conf is replaced by SCRAM-only lines.
 */
final class ClusterSecurity {
    static final String APP_ROLE = "quietlog";
    static final String SUPERUSER = "postgres";
    static final String SUPERUSER_PASSWORD_FILE = "postgres-superuser-password";
    static final String APP_PASSWORD_FILE = "postgres-quietlog-password";
    private static final Logger log = LoggerFactory.getLogger(ClusterSecurity.class);
    private static final String HBA = """
            # Written by Quietlog at every start: password (SCRAM) logins only, no trust, no peer.
            # The socket directory is private to the server's user; TCP listens on localhost only.
            local   all           all                  scram-sha-256
            host    all           all   127.0.0.1/32   scram-sha-256
            host    all           all   ::1/128        scram-sha-256
            """;

    private final Path dataDir;
    private final String superuserPassword;
    private final String appPassword;
    private final boolean passwordsNew;

    private ClusterSecurity(Path dataDir, String superuserPassword, String appPassword, boolean passwordsNew) {
        this.dataDir = dataDir;
        this.superuserPassword = superuserPassword;
        this.appPassword = appPassword;
        this.passwordsNew = passwordsNew;
    }

    /** Reads the passwords kept in the data dir, creating them (0600) the first time. */
    static ClusterSecurity in(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path superFile = dataDir.resolve(SUPERUSER_PASSWORD_FILE);
        Path appFile = dataDir.resolve(APP_PASSWORD_FILE);
        boolean fresh = !Files.exists(superFile) || !Files.exists(appFile);
        String superPw = readOrCreate(superFile);
        String appPw = readOrCreate(appFile);
        privateDirectory(dataDir.resolve("postgres-socket"));
        privateDirectory(dataDir.resolve("postgres-binaries"));
        return new ClusterSecurity(dataDir, superPw, appPw, fresh);
    }

    String superuserPassword() {
        return superuserPassword;
    }

    String appPassword() {
        return appPassword;
    }

    Path binariesDirectory() {
        return dataDir.resolve("postgres-binaries");
    }

    String socketDirectory() {
        return dataDir.resolve("postgres-socket").toString();
    }

    /** Called with the cluster stopped, after initdb if this is a fresh data dir. */
    void secure(Path pgData) {
        try {
            Path hba = pgData.resolve("pg_hba.conf");
            boolean hbaIsOurs = Files.exists(hba) && Files.readString(hba).equals(HBA);
            if (passwordsNew || !hbaIsOurs) {
                log.info("Securing the embedded PostgreSQL in {}: password logins only, schema owned by role '{}'",
                        pgData, APP_ROLE);
                runSingleUser(pgData, setupSql());
            }
            // Last, so that an interrupted setup is simply run again at the next start.
            Files.writeString(hba, HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not secure the embedded PostgreSQL in " + pgData, e);
        }
    }

    private String setupSql() throws IOException {
        String sql;
        try (InputStream in = ClusterSecurity.class.getResourceAsStream("/db/embedded-cluster-setup.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Passwords are base64url: nothing in them can end the quoted literal.
        return sql.replace("${superuserPassword}", superuserPassword).replace("${appPassword}", appPassword);
    }

    /** Runs statements (each ending with ";" and a blank line) in single-user mode: nothing listens meanwhile. */
    private void runSingleUser(Path pgData, String statements) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // as zonky does: PostgreSQL refuses to run as root
        }
        command.addAll(List.of(postgresBinary().toString(), "--single", "-D", pgData.toString(), "-F", "-j",
                "-c", "exit_on_error=on", "-c", "log_statement=none", EmbeddedDatabase.DATABASE));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(statements.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("Could not secure the embedded PostgreSQL in " + pgData
                        + " (is another server still running on it?):\n" + redact(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while securing the embedded PostgreSQL", e);
        }
    }

    private String redact(String output) {
        return output.replace(superuserPassword, "***").replace(appPassword, "***");
    }

    /** zonky unpacks its binaries under the working directory we gave it, in PG-<digest>/. */
    private Path postgresBinary() throws IOException {
        try (Stream<Path> dirs = Files.list(binariesDirectory())) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/postgres")) && Files.exists(d.resolve(".exists")))
                    .max(Comparator.comparingLong(d -> d.resolve(".exists").toFile().lastModified()))
                    .map(d -> d.resolve("bin/postgres"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries in " + binariesDirectory()));
        }
    }

    private static String readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            String existing = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!existing.isEmpty()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                return existing;
            }
            Files.delete(file);
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        return password;
    }

    private static void privateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
}
