package dev.quietlog.cli;

import dev.quietlog.app.Config;
import dev.quietlog.app.RunningServer;
import dev.quietlog.directory.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "serve", description = "Start the server (configuration from the environment; see README.md).")
public final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        Config config;
        RunningServer server;
        try {
            config = Config.fromEnvironment(System.getenv());
            server = RunningServer.start(config);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A setting out of range, or keys this server cannot decrypt: say which, without a stack trace.
            System.err.println("Quietlog did not start: " + e.getMessage());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                System.err.println("  because: " + cause.getMessage());
            }
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "quietlog-shutdown"));
        String base = "http://localhost:" + server.port();
        System.out.println("Quietlog is running on " + base);
        System.out.println("  Dashboard:  " + base + "/dashboard");
        Path tokenFile = config.dataDir().resolve(Bootstrap.TOKEN_FILE);
        if (server.bootstrapTokenFile().isPresent()) {
            System.out.println("  First admin token (created now, readable only by you): " + tokenFile);
            System.out.println("  Org '" + config.orgName() + "' created; mail within " + String.join(", ", config.internalDomains())
                    + " counts as internal. Change with: scripts/quietlog policy set --internal-domains yourcompany.com");
        } else if (Files.exists(tokenFile)) {
            System.out.println("  First admin token: " + tokenFile);
        }
        System.out.println("  Sign in to the dashboard with an admin or manager token; stop with Ctrl-C.");
        stopped.await();
        return 0;
    }
}
