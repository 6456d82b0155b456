package dev.quietlog.cli;

import dev.quietlog.app.Config;
import dev.quietlog.app.RunningServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "serve", description = "Start the server (configuration from the environment; see README.md).")
public final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        Config config = Config.fromEnvironment(System.getenv());
        RunningServer server = RunningServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "quietlog-shutdown"));
        String base = "http://localhost:" + server.port();
        System.out.println("Quietlog is running on " + base);
        System.out.println("  Dashboard:  " + base + "/dashboard");
        server.bootstrapTokenFile().ifPresent(f ->
                System.out.println("  First admin token (created now, readable only by you): " + f));
        stopped.await();
        return 0;
    }
}
