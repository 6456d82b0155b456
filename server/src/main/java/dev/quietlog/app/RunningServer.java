package dev.quietlog.app;

import dev.quietlog.db.Database;
import dev.quietlog.db.DatabaseUrl;
import dev.quietlog.db.EmbeddedDatabase;
import dev.quietlog.directory.Bootstrap;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole server: the database (embedded when no DATABASE_URL), the schema, the first-start
 * bootstrap and the HTTP app. Closing it stops them in reverse order.
 */
public final class RunningServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningServer.class);

    private final EmbeddedDatabase embedded;
    private final Database database;
    private final Javalin app;
    private final Optional<Path> bootstrapTokenFile;
    private final DatabaseUrl databaseUrl;

    private RunningServer(EmbeddedDatabase embedded, Database database, Javalin app, Optional<Path> bootstrapTokenFile,
                          DatabaseUrl databaseUrl) {
        this.embedded = embedded;
        this.database = database;
        this.app = app;
        this.bootstrapTokenFile = bootstrapTokenFile;
        this.databaseUrl = databaseUrl;
    }

    public static RunningServer start(Config config) {
        EmbeddedDatabase embedded = null;
        Database database = null;
        try {
            DatabaseUrl url;
            if (config.databaseUrl() == null) {
                embedded = EmbeddedDatabase.start(config.dataDir());
                url = embedded.databaseUrl();
            } else {
                url = DatabaseUrl.parse(config.databaseUrl());
            }
            database = Database.connect(url, config.databasePoolSize());
            database.migrate();
            Services services = Services.build(config, database, Clock.systemUTC());
            Optional<Path> tokenFile = Bootstrap.runOnce(database.jdbi(), services.directory(), config);
            Javalin app = QuietlogApp.create(services).start(config.port());
            return new RunningServer(embedded, database, app, tokenFile, url);
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** Where the server's database is (for tools such as the benchmark that measure it directly). */
    public DatabaseUrl databaseUrl() {
        return databaseUrl;
    }

    /** The bootstrap token file, when this start created the org. */
    public Optional<Path> bootstrapTokenFile() {
        return bootstrapTokenFile;
    }

    @Override
    public void close() {
        log.info("Stopping: finishing requests in flight");
        app.stop();
        database.close();
        if (embedded != null) {
            embedded.close();
        }
        log.info("Stopped");
    }
}
