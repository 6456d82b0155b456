package dev.quietlog.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.app.Config;
import dev.quietlog.support.Api;
import dev.quietlog.support.TestServer;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every write route is rate limited, per token (per client address before sign-in), with 429
 * and Retry-After; reads are not. Numeric settings are range-checked at start.
 */
class LimitsTest {
    /** Low enough that no refill (one every 12 s) can land between a test's requests. */
    private static final int WRITES_PER_MINUTE = 5;
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("QUIETLOG_WRITE_RATE_LIMIT_PER_MINUTE", Integer.toString(WRITES_PER_MINUTE)));
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertLimited(Response r) {
        r.then().statusCode(429).body("error.code", equalTo("rate_limited"));
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    }

    @Test
    void admin_writes_beyond_the_limit_are_429_per_token_and_reads_go_on() {
        // Burst is a tenth of a minute's worth, at least one: the second write in a burst is refused.
        String admin = server.adminToken();
        api.as(admin).body(Map.of("email", "limit1@acme.com", "name", "L1", "role", "rep"))
                .post("/api/v1/admin/users").then().statusCode(201);
        assertLimited(api.as(admin).body(Map.of("email", "limit2@acme.com", "name", "L2", "role", "rep"))
                .post("/api/v1/admin/users"));
        assertLimited(api.as(admin).body(Map.of("allowFreeMail", true)).patch("/api/v1/admin/policy"));
        assertEquals(0, server.count("select count(*) from users where email = 'limit2@acme.com'"));
        api.as(admin).get("/api/v1/me").then().statusCode(200);
        api.as(admin).get("/api/v1/admin/policy").then().statusCode(200).body("allowFreeMail", equalTo(false));
    }

    @Test
    void another_tokens_writes_are_counted_apart() {
        String rep = server.services().directory().issueToken(orgId(), "admin@acme.com", 1).token();
        api.as(rep).body(Map.of("addresses", java.util.List.of(), "domains", java.util.List.of()))
                .put("/api/v1/me/never-log").then().statusCode(200);
        assertLimited(api.as(rep).body(Map.of("addresses", java.util.List.of(), "domains", java.util.List.of()))
                .put("/api/v1/me/never-log"));
    }

    @Test
    void sign_in_attempts_are_limited_per_client_address() {
        for (int i = 0; i < 1; i++) {
            api.signIn("not-a-token-" + i).then().statusCode(401);
        }
        assertLimited(api.signIn(server.adminToken()));
        assertLimited(given().baseUri(server.baseUrl()).redirects().follow(false).post("/logout"));
    }

    private static java.util.UUID orgId() {
        return server.database().jdbi().withHandle(h -> h.createQuery("select id from orgs").mapTo(java.util.UUID.class).one());
    }

    private static Map<String, String> env(String name, String value) {
        Map<String, String> env = new HashMap<>();
        env.put(name, value);
        return env;
    }

    @Test
    void numeric_settings_out_of_range_stop_the_start_with_a_message_naming_them() {
        String[][] bad = {
                {"QUIETLOG_TOKEN_TTL_DAYS", "0"}, {"QUIETLOG_TOKEN_TTL_DAYS", "731"}, {"QUIETLOG_TOKEN_TTL_DAYS", "1.5"},
                {"QUIETLOG_SESSION_TTL_HOURS", "0"}, {"QUIETLOG_SESSION_TTL_HOURS", "-3"},
                {"QUIETLOG_RATE_LIMIT_PER_MINUTE", "-1"}, {"QUIETLOG_WRITE_RATE_LIMIT_PER_MINUTE", "x"},
                {"QUIETLOG_DB_POOL_SIZE", "0"}, {"PORT", "70000"}, {"PORT", "-1"},
                {"QUIETLOG_SECURE_COOKIES", "yes"}, {"QUIETLOG_TRUST_PROXY", "1"}};
        for (String[] pair : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Config.fromEnvironment(env(pair[0], pair[1])), pair[0] + "=" + pair[1]);
            assertTrue(e.getMessage().startsWith(pair[0] + " must be"), e.getMessage());
        }
        Config ok = Config.fromEnvironment(Map.of("QUIETLOG_TOKEN_TTL_DAYS", "730", "PORT", "0",
                "QUIETLOG_SECURE_COOKIES", "TRUE"));
        assertEquals(730, ok.repTokenTtl().toDays());
        assertTrue(ok.secureCookies());
    }

    @Test
    void the_config_never_prints_the_key_encryption_key() {
        Config c = Config.fromEnvironment(Map.of("QUIETLOG_KEY_ENCRYPTION_KEY", "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI="));
        assertTrue(!c.toString().contains("c2VjcmV0"), c.toString());
        given().baseUri(server.baseUrl()).get("/health/live").then().statusCode(200).body(containsString("live"));
    }
}
