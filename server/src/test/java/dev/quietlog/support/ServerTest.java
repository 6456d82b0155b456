package dev.quietlog.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base for test classes that share one real server (its own database) across their tests.
 * A subclass's own setup goes in a {@code @BeforeAll} method with another name, which JUnit
 * runs after this one.
 */
public abstract class ServerTest {
    protected static TestServer server;
    protected static Api api;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        api = new Api(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
