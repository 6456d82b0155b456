package dev.quietlog.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.support.RawHttp;
import dev.quietlog.support.ServerTest;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every response that may carry personal data says no-store, and every response, including the
 * errors Jetty answers before routing, has the security headers and the JSON error shape.
 */
class ResponseHeadersTest extends ServerTest {

    private static void assertPrivate(Response r) {
        r.then().header("Cache-Control", "no-store")
                .header("Content-Security-Policy", startsWith("default-src 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
    }

    private int port() {
        return URI.create(server.baseUrl()).getPort();
    }

    @Test
    void api_answers_and_api_errors_are_never_cached() {
        String rep = api.userWithToken("headers@acme.com", "Header Rep", "rep");
        assertPrivate(api.as(rep).get("/api/v1/me").then().statusCode(200).extract().response());
        assertPrivate(api.as(rep).get("/api/v1/interactions").then().statusCode(200).extract().response());
        assertPrivate(api.as(rep).get("/api/v1/contacts/carla@globex.com/summary").then().statusCode(404).extract().response());
        assertPrivate(api.anonymous().get("/api/v1/me").then().statusCode(401).extract().response());
        assertPrivate(api.as(rep).post("/api/v1/admin/users").then().statusCode(403).extract().response());
        assertPrivate(api.as(server.adminToken()).get("/api/v1/admin/policy").then().statusCode(200).extract().response());
        assertPrivate(api.anonymous().get("/scim/v2/Users").then().statusCode(401).extract().response());
    }

    @Test
    void the_login_page_and_the_dashboard_are_never_cached() {
        assertPrivate(given().baseUri(server.baseUrl()).get("/login").then().statusCode(200).extract().response());
        assertPrivate(given().baseUri(server.baseUrl()).redirects().follow(false).get("/dashboard")
                .then().statusCode(303).extract().response());
        String session = api.session(server.adminToken());
        assertPrivate(api.withSession(session).get("/dashboard").then().statusCode(200).extract().response());
        assertPrivate(api.signIn(server.adminToken()).then().statusCode(303).extract().response());
        assertPrivate(api.signIn("not-a-token").then().statusCode(401).extract().response());
    }

    @Test
    void public_files_and_keys_may_be_cached_but_keep_the_security_headers() {
        given().baseUri(server.baseUrl()).get("/assets/app.css").then().statusCode(200)
                .header("Cache-Control", not(equalTo("no-store"))).header("X-Content-Type-Options", "nosniff");
        given().baseUri(server.baseUrl()).get("/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", nullValue()).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void a_wrong_method_is_405_in_the_json_shape() {
        assertPrivate(api.anonymous().delete("/api/v1/me").then().statusCode(405)
                .body("error.code", equalTo("method_not_allowed")).extract().response());
    }

    private void assertJettyErrorIsOurs(RawHttp.Answer a, int status) {
        assertEquals(status, a.status(), a.toString());
        assertTrue(a.header("Content-Type").startsWith("application/json"), a.toString());
        assertTrue(a.body().startsWith("{\"error\":{\"code\":"), a.body());
        assertEquals("no-store", a.header("Cache-Control"), a.toString());
        assertEquals("nosniff", a.header("X-Content-Type-Options"), a.toString());
        assertEquals("DENY", a.header("X-Frame-Options"), a.toString());
        assertTrue(a.header("Content-Security-Policy").startsWith("default-src 'none'"), a.toString());
    }

    @Test
    void a_malformed_uri_is_400_in_the_json_shape() throws Exception {
        assertJettyErrorIsOurs(RawHttp.send(port(), RawHttp.request("GET", "/api/v1/%zz", "", null)), 400);
        assertJettyErrorIsOurs(RawHttp.send(port(), RawHttp.request("GET", "/api/v1/%00/me", "", null)), 400);
    }

    @Test
    void headers_too_large_are_431_in_the_json_shape() throws Exception {
        String huge = "X-Padding: " + "a".repeat(64 * 1024) + "\r\n";
        assertJettyErrorIsOurs(RawHttp.send(port(), RawHttp.request("GET", "/api/v1/me", huge, null)), 431);
    }

    @Test
    void a_uri_too_long_is_414_in_the_json_shape() throws Exception {
        String path = "/api/v1/contacts/" + "a".repeat(64 * 1024) + "/summary";
        RawHttp.Answer a = RawHttp.send(port(), RawHttp.request("GET", path, "", null));
        assertJettyErrorIsOurs(a, a.status() == 431 ? 431 : 414);
    }

    @Test
    void a_body_too_large_is_413_in_the_json_shape() throws Exception {
        byte[] body = ("{\"email\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer a = RawHttp.send(port(), RawHttp.request("POST", "/api/v1/admin/users",
                "Authorization: Bearer " + server.adminToken() + "\r\nContent-Type: application/json\r\n", body));
        assertEquals(413, a.status(), a.toString());
        assertTrue(a.body().contains("\"error\""), a.body());
        assertEquals("no-store", a.header("Cache-Control"));
        assertEquals("nosniff", a.header("X-Content-Type-Options"));
    }
}
