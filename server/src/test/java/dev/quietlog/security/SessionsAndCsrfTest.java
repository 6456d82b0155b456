package dev.quietlog.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.auth.AccessControl;
import dev.quietlog.support.ServerTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Dashboard sessions live on the server: logout, revocation and deactivation end them at once,
 * the cookie is a __Host- cookie, and another site cannot sign a browser in or out.
 */
class SessionsAndCsrfTest extends ServerTest {

    private static RequestSpecification form(String token) {
        return given().baseUri(server.baseUrl()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("token", token);
    }

    private static void sessionOpens(String session) {
        api.withSession(session).get("/dashboard").then().statusCode(200);
        api.withSession(session).get("/api/v1/me").then().statusCode(200);
    }

    private static void sessionIsRefused(String session) {
        api.withSession(session).get("/dashboard").then().statusCode(303).header("Location", "/login");
        api.withSession(session).get("/api/v1/me").then().statusCode(401);
        api.withSession(session).get("/api/v1/interactions").then().statusCode(401);
    }

    @Test
    void the_cookie_is_host_prefixed_secure_http_only_strict_and_for_the_whole_site() {
        String setCookie = api.signIn(server.adminToken()).then().statusCode(303).extract().header("Set-Cookie");
        assertTrue(setCookie.startsWith(AccessControl.SESSION_COOKIE + "="), setCookie);
        assertTrue(AccessControl.SESSION_COOKIE.startsWith("__Host-"));
        for (String attribute : new String[] {"; Secure", "; HttpOnly", "; SameSite=Strict", "; Path=/;"}) {
            assertTrue(setCookie.contains(attribute), attribute + " in " + setCookie);
        }
        assertFalse(setCookie.toLowerCase().contains("domain="), setCookie);
    }

    @Test
    void the_cookie_names_a_session_the_database_keeps_only_as_a_hash() throws Exception {
        String session = api.session(server.adminToken());
        String secret = session.substring(session.indexOf('.') + 1);
        byte[] stored = server.database().jdbi().withHandle(h -> h.createQuery(
                "select id_hash from sessions order by created_at desc limit 1").mapTo(byte[].class).one());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)), stored);
        assertEquals(0, server.count("select count(*) from sessions where encode(id_hash, 'escape') like ?", "%" + secret + "%"));
    }

    @Test
    void logout_ends_the_session_so_the_old_cookie_opens_nothing() {
        String session = api.session(server.adminToken());
        sessionOpens(session);
        Response out = api.withSession(session).header("Origin", server.baseUrl()).post("/logout");
        out.then().statusCode(303).header("Location", "/login");
        assertTrue(out.header("Set-Cookie").contains("Max-Age=0"), out.header("Set-Cookie"));
        sessionIsRefused(session);
    }

    @Test
    void deactivating_the_user_or_revoking_their_token_ends_their_sessions() {
        String manager = api.userWithToken("sessions-meg@acme.com", "Meg", "manager");
        String session = api.session(manager);
        sessionOpens(session);
        server.database().jdbi().useHandle(h -> h.execute("update users set active = false where email = ?",
                "sessions-meg@acme.com"));
        sessionIsRefused(session);

        String other = api.userWithToken("sessions-max@acme.com", "Max", "manager");
        String second = api.session(other);
        sessionOpens(second);
        server.database().jdbi().useHandle(h -> h.execute("update access_tokens set revoked_at = now() where user_id = "
                + "(select id from users where email = ?)", "sessions-max@acme.com"));
        sessionIsRefused(second);
    }

    @Test
    void an_expired_session_is_refused() {
        String session = api.session(server.adminToken());
        sessionOpens(session);
        server.database().jdbi().useHandle(h -> h.execute("update sessions set expires_at = now() - interval '1 second'"));
        sessionIsRefused(session);
    }

    @Test
    void a_guessed_forged_or_jwt_cookie_opens_nothing() {
        String orgId = server.count("select count(*) from orgs") == 1
                ? server.database().jdbi().withHandle(h -> h.createQuery("select id::text from orgs").mapTo(String.class).one())
                : UUID.randomUUID().toString();
        for (String forged : new String[] {
                orgId + "." + "A".repeat(43), UUID.randomUUID() + ".x", "garbage", "", "." ,
                server.adminToken(), orgId + "." + "\u00e9".repeat(300)}) {
            sessionIsRefused(forged);
        }
    }

    @Test
    void a_session_cookie_is_not_a_bearer_token_and_cannot_write() {
        String session = api.session(server.adminToken());
        api.as(session).get("/api/v1/me").then().statusCode(401);
        api.withSession(session).contentType("application/json").body("{\"email\":\"x@acme.com\",\"name\":\"X\",\"role\":\"rep\"}")
                .post("/api/v1/admin/users").then().statusCode(401);
    }

    @Test
    void another_site_cannot_sign_a_browser_in() {
        long before = server.count("select count(*) from sessions");
        for (String[] headers : new String[][] {
                {"Origin", "https://evil.example"},
                {"Origin", "null"},
                {"Origin", "http://localhost:1"},
                {"Sec-Fetch-Site", "cross-site"},
                {"Sec-Fetch-Site", "same-site"}}) {
            Response r = form(server.adminToken()).header(headers[0], headers[1]).post("/login");
            r.then().statusCode(403).body("error.code", equalTo("cross_site_request")).header("Set-Cookie", nullValue());
        }
        assertEquals(before, server.count("select count(*) from sessions"), "a session was created");
    }

    @Test
    void another_site_cannot_sign_a_browser_out() {
        String session = api.session(server.adminToken());
        api.withSession(session).header("Origin", "https://evil.example").post("/logout")
                .then().statusCode(403).body("error.code", equalTo("cross_site_request"));
        api.withSession(session).header("Sec-Fetch-Site", "cross-site").post("/logout").then().statusCode(403);
        sessionOpens(session);
    }

    @Test
    void the_dashboards_own_form_and_a_command_line_client_may_sign_in() {
        form(server.adminToken()).header("Origin", server.baseUrl()).header("Sec-Fetch-Site", "same-origin")
                .post("/login").then().statusCode(303);
        form(server.adminToken()).post("/login").then().statusCode(303);
    }

    @Test
    void over_plain_http_to_another_host_signing_in_asks_for_https() {
        form(server.adminToken()).header("Host", "quietlog.internal.example:8080").post("/login")
                .then().statusCode(400).header("Set-Cookie", nullValue()).body(containsString("needs HTTPS"));
        // X-Forwarded-Proto is a client's claim unless QUIETLOG_TRUST_PROXY says a proxy sets it.
        form(server.adminToken()).header("Host", "quietlog.internal.example").header("X-Forwarded-Proto", "https")
                .post("/login").then().statusCode(400);
    }
}
