package dev.quietlog.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With QUIETLOG_TRUST_PROXY=true the proxy's X-Forwarded-Proto and -Host count, and only the proxy's. */
class BehindAProxyTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("QUIETLOG_TRUST_PROXY", "true"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_sign_in_forwarded_over_https_gets_a_secure_host_cookie() {
        String setCookie = given().baseUri(server.baseUrl()).redirects().follow(false)
                .header("Host", "internal:8080")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "quietlog.example.com")
                .header("Origin", "https://quietlog.example.com")
                .contentType("application/x-www-form-urlencoded").formParam("token", server.adminToken())
                .post("/login").then().statusCode(303).extract().header("Set-Cookie");
        assertTrue(setCookie.startsWith("__Host-") && setCookie.contains("; Secure"), setCookie);
    }

    @Test
    void an_origin_other_than_the_forwarded_host_is_still_refused() {
        given().baseUri(server.baseUrl()).redirects().follow(false)
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "quietlog.example.com")
                .header("Origin", "https://evil.example")
                .contentType("application/x-www-form-urlencoded").formParam("token", server.adminToken())
                .post("/login").then().statusCode(403);
    }
}
