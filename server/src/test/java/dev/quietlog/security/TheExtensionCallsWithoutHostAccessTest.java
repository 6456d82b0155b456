package dev.quietlog.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quietlog.support.Api;
import dev.quietlog.support.Events;
import dev.quietlog.support.TestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The extension calls the server from its service worker (another origin) without the rep ever
 * granting it access to the server: the bearer-token API it calls answers under CORS, refusals
 * included. Nothing else does, credentials are never allowed cross-origin, and a request another
 * site makes with only the dashboard's session cookie gets nothing.
 */
class TheExtensionCallsWithoutHostAccessTest {
    private static final String EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
    private static final String EVIL = "https://evil.example";
    private static final int CAPTURES_PER_MINUTE = 2;

    private static TestServer server;
    private static Api api;
    private static String repToken;
    private static String managerToken;

    @BeforeAll
    static void start() {
        server = TestServer.start(CAPTURES_PER_MINUTE);
        api = new Api(server);
        repToken = api.userWithToken("ann@acme.com", "Ann Rep", "rep");
        managerToken = api.userWithToken("max@acme.com", "Max Manager", "manager");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RequestSpecification fromExtension(String token) {
        return api.as(token).header("Origin", EXTENSION).header("Sec-Fetch-Site", "cross-site");
    }

    private static Response preflight(String path, String method) {
        return api.anonymous().header("Origin", EXTENSION)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options(path);
    }

    private static void noCors(Response r) {
        assertNull(r.header("Access-Control-Allow-Origin"), "no CORS on " + r.statusCode());
        assertNull(r.header("Access-Control-Allow-Credentials"));
    }

    @Test
    void every_route_the_extension_calls_answers_its_preflight_with_the_methods_it_really_has() {
        Map<String, String> routes = Map.of(
                "/api/v1/me", "GET",
                "/api/v1/captures", "POST",
                "/api/v1/me/never-log", "GET, PUT",
                "/api/v1/me/excluded-threads", "PUT, DELETE",
                "/api/v1/me/threads", "GET",
                "/api/v1/contacts/bob%40globex.com/summary", "GET",
                "/api/v1/sign-in", "GET",
                "/api/v1/sign-in/oidc", "POST");
        routes.forEach((path, methods) -> preflight(path, methods.split(", ")[0])
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", methods)
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .header("Access-Control-Max-Age", "600")
                .header("Access-Control-Allow-Credentials", nullValue()));
    }

    @Test
    void answers_carry_allow_origin_on_success_and_on_refusals() {
        fromExtension(repToken).get("/api/v1/me").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Credentials", nullValue())
                .body("user.email", equalTo("ann@acme.com"));
        fromExtension("not-a-token").get("/api/v1/me").then().statusCode(401)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Credentials", nullValue())
                .body("error.code", equalTo("unauthorized"));
        fromExtension(repToken).body("{\"events\": 5}").post("/api/v1/captures").then().statusCode(400)
                .header("Access-Control-Allow-Origin", "*");
        fromExtension(repToken).queryParam("source", "gmail").queryParam("threadId", "18c0ffee")
                .queryParam("mailbox", "ann@acme.com").get("/api/v1/me/threads").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .body("excluded", is(false));
        fromExtension(repToken).get("/api/v1/contacts/bob%40globex.com/summary").then()
                .header("Access-Control-Allow-Origin", "*");
        fromExtension(repToken).body(Map.of("source", "gmail", "threadId", "18c0ffee", "mailbox", "ann@acme.com"))
                .put("/api/v1/me/excluded-threads").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .body("excluded", is(true));
        fromExtension(repToken).queryParam("source", "gmail").queryParam("threadId", "18c0ffee")
                .queryParam("mailbox", "ann@acme.com").delete("/api/v1/me/excluded-threads").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*");
    }

    @Test
    void a_rate_limited_upload_says_so_and_lets_the_extension_read_retry_after() {
        String token = api.userWithToken("rita@acme.com", "Rita Rep", "rep");
        Map<String, Object> batch = Api.batch(List.of(Events.seenBy("rita@acme.com",
                Events.outboundEmail("<cors-1@acme.com>", "bob@globex.com", "Quote"))));
        // A burst of one at this rate (a tenth of a minute's worth, at least one).
        fromExtension(token).body(batch).post("/api/v1/captures").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .body("results[0].status", equalTo("stored"));
        fromExtension(token).body(batch).post("/api/v1/captures").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", "Retry-After")
                .header("Access-Control-Allow-Credentials", nullValue());
    }

    @Test
    void a_batch_too_large_is_a_413_the_extension_can_read_so_it_splits_the_batch() {
        String token = api.userWithToken("tom@acme.com", "Tom Rep", "rep");
        String tooLarge = "{\"events\": [], \"pad\": \"" + "x".repeat(1_100_000) + "\"}";
        fromExtension(token).body(tooLarge).post("/api/v1/captures").then().statusCode(413)
                .header("Access-Control-Allow-Origin", "*")
                .body("error.code", equalTo("too_large"));
    }

    @Test
    void admin_dashboard_scim_and_page_routes_get_no_cors_at_all() {
        String admin = server.adminToken();
        noCors(fromExtension(admin).get("/api/v1/admin/policy"));
        noCors(fromExtension(admin).get("/api/v1/admin/tokens"));
        noCors(fromExtension(managerToken).get("/api/v1/dashboard/team"));
        noCors(fromExtension(managerToken).get("/api/v1/interactions"));
        noCors(fromExtension("not-a-token").get("/scim/v2/Users"));
        noCors(api.anonymous().header("Origin", EVIL).get("/login"));
        noCors(api.anonymous().header("Origin", EVIL).get("/dashboard"));
        noCors(preflight("/api/v1/admin/users", "POST"));
        noCors(preflight("/api/v1/dashboard/team", "GET"));
        noCors(preflight("/scim/v2/Users", "POST"));
        noCors(preflight("/login", "POST"));
    }

    @Test
    void a_request_from_another_site_or_origin_carrying_only_the_session_cookie_gets_nothing() {
        String session = api.session(managerToken);
        // From the dashboard itself, the cookie works.
        api.withSession(session).header("Sec-Fetch-Site", "same-origin").get("/api/v1/me").then().statusCode(200);
        api.withSession(session).header("Sec-Fetch-Site", "same-origin").get("/api/v1/dashboard/team").then().statusCode(200);
        // Another site, or a sibling subdomain (same site, so a SameSite=Strict cookie goes along).
        for (String site : List.of("cross-site", "same-site")) {
            for (String path : List.of("/api/v1/me", "/api/v1/me/never-log", "/api/v1/contacts/bob%40globex.com/summary",
                    "/api/v1/dashboard/team", "/api/v1/interactions")) {
                Response r = api.withSession(session).header("Origin", EVIL).header("Sec-Fetch-Site", site).get(path);
                assertEquals(401, r.statusCode(), site + " " + path + ": " + r.asString());
                assertNull(r.header("Access-Control-Allow-Credentials"));
            }
        }
        // A browser that sends only Origin, of another site.
        api.withSession(session).header("Origin", EVIL).get("/api/v1/me").then().statusCode(401);
        // Writes never took the cookie.
        api.withSession(session).header("Sec-Fetch-Site", "same-origin").contentType("application/json")
                .body(Map.of("source", "gmail", "threadId", "1", "mailbox", "max@acme.com"))
                .put("/api/v1/me/excluded-threads").then().statusCode(401);
    }
}
