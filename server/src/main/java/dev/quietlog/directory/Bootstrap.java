package dev.quietlog.directory;

import dev.quietlog.app.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start on an empty database: create the org and its admin, and leave the admin's
 * token in a file only the server's user can read. The token itself is never logged.
 */
public final class Bootstrap {
    public static final String TOKEN_FILE = "bootstrap-admin-token";
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private Bootstrap() {
    }

    /** Returns the token file's path when this start created the org, empty when it already existed. */
    public static Optional<Path> runOnce(Jdbi jdbi, DirectoryService directory, Config config) {
        Path file = config.dataDir().resolve(TOKEN_FILE);
        boolean created = jdbi.inTransaction(h -> {
            // Several copies of the server may start at once against one database.
            h.execute("select pg_advisory_xact_lock(hashtext('quietlog.bootstrap'))");
            if (h.attach(DirectoryDao.class).anyOrg()) {
                return false;
            }
            var issued = directory.createOrgWithAdmin(h, config.orgName(), config.internalDomains(),
                    config.adminEmail(), Duration.ofDays(365));
            writeOwnerOnly(file, issued.token() + "\n");
            return true;
        });
        if (created) {
            log.info("Created org '{}' with admin {}; the admin token is in {}", config.orgName(), config.adminEmail(), file);
            return Optional.of(file);
        }
        return Optional.empty();
    }

    private static void writeOwnerOnly(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the bootstrap admin token to " + file, e);
        }
    }
}
