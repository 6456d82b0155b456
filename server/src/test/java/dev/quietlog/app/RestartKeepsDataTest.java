package dev.quietlog.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.directory.Bootstrap;
import dev.quietlog.support.Api;
import dev.quietlog.support.Events;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL keeps its data between runs, and the first-start bootstrap runs once. */
class RestartKeepsDataTest {

    @Test
    void data_and_tokens_survive_a_restart_and_the_bootstrap_runs_once(@TempDir Path dataDir) throws Exception {
        Config config = Config.fromEnvironment(Map.of(
                "PORT", "0",
                "QUIETLOG_DATA_DIR", dataDir.toString(),
                "QUIETLOG_INTERNAL_DOMAINS", "acme.com",
                "QUIETLOG_ADMIN_EMAIL", "admin@acme.com"));
        String adminToken;
        String repToken;
        try (RunningServer first = RunningServer.start(config)) {
            Path tokenFile = first.bootstrapTokenFile().orElseThrow();
            assertEquals(dataDir.resolve(Bootstrap.TOKEN_FILE), tokenFile);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
            adminToken = Files.readString(tokenFile).trim();
            String base = "http://localhost:" + first.port();
            given().baseUri(base).get("/health/live").then().statusCode(200);
            given().baseUri(base).get("/health/ready").then().statusCode(200).body("status", equalTo("ready"));
            assertDurable(first);
            given().baseUri(base).header("Authorization", "Bearer " + adminToken).contentType("application/json")
                    .body(Map.of("email", "rep@acme.com", "name", "Ann Rep", "role", "rep"))
                    .post("/api/v1/admin/users").then().statusCode(201);
            repToken = given().baseUri(base).header("Authorization", "Bearer " + adminToken)
                    .contentType("application/json").body(Map.of("email", "rep@acme.com"))
                    .post("/api/v1/admin/tokens").then().statusCode(201).extract().path("token");
            given().baseUri(base).header("Authorization", "Bearer " + repToken).contentType("application/json")
                    .body(Api.batch(List.of(Events.outboundEmail("keep@mail.acme.com", "carla@globex.com", "Kept"))))
                    .post("/api/v1/captures").then().statusCode(200).body("results[0].status", equalTo("stored"));
        }
        assertTrue(Files.isDirectory(dataDir.resolve("postgres")), "the database lives under the data dir");
        Files.delete(dataDir.resolve(Bootstrap.TOKEN_FILE));

        try (RunningServer second = RunningServer.start(config)) {
            assertTrue(second.bootstrapTokenFile().isEmpty(), "bootstrap ran a second time");
            assertFalse(Files.exists(dataDir.resolve(Bootstrap.TOKEN_FILE)), "a new bootstrap token was written");
            String base = "http://localhost:" + second.port();
            given().baseUri(base).header("Authorization", "Bearer " + repToken)
                    .get("/api/v1/interactions").then().statusCode(200)
                    .body("interactions.subject", hasItem("Kept"));
            given().baseUri(base).header("Authorization", "Bearer " + adminToken)
                    .get("/api/v1/me").then().statusCode(200).body("user.role", equalTo("admin"));
        }
    }

    /** The embedded PostgreSQL keeps a newcomer's data safe: fsync and synchronous commit on. */
    private static void assertDurable(RunningServer server) throws Exception {
        var url = server.databaseUrl();
        try (var c = java.sql.DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             var s = c.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                var rs = s.executeQuery("show " + setting);
                rs.next();
                assertEquals("on", rs.getString(1), setting);
            }
        }
    }
}
