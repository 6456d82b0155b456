package dev.quietlog.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.auth.AccessControl;
import dev.quietlog.support.ServerTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

class DashboardSignInTest extends ServerTest {

    private Response login(String token) {
        return api.signIn(token);
    }

    @Test
    void an_admin_token_becomes_an_http_only_strict_session_cookie_that_opens_the_dashboard() {
        Response r = login(server.adminToken());
        r.then().statusCode(303).header("Location", "/dashboard");
        String setCookie = r.header("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        String session = r.cookie(AccessControl.SESSION_COOKIE);

        api.withSession(session)
                .get("/dashboard").then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("script-src 'self'"), not(containsString("unsafe-inline"))))
                .body(containsString("id=\"interactions\""));
        api.withSession(session)
                .get("/api/v1/interactions").then().statusCode(200);
    }

    @Test
    void the_session_cookie_cannot_be_used_to_write() {
        String session = api.session(server.adminToken());
        api.withSession(session).contentType("application/json")
                .body("{\"email\":\"x@acme.com\",\"name\":\"X\",\"role\":\"rep\"}")
                .post("/api/v1/admin/users").then().statusCode(401);
    }

    @Test
    void without_a_session_the_dashboard_sends_you_to_sign_in() {
        given().baseUri(server.baseUrl()).redirects().follow(false).get("/dashboard")
                .then().statusCode(303).header("Location", "/login");
    }

    @Test
    void a_rep_token_or_a_bad_token_is_refused_with_a_plain_message() {
        String rep = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
        login(rep).then().statusCode(403).body(containsString("rep&#39;s token"));
        login("garbage").then().statusCode(401).body(containsString("not valid"));
    }

    @Test
    void the_dashboard_script_renders_values_as_text_only() {
        given().baseUri(server.baseUrl()).get("/assets/dashboard.js")
                .then().statusCode(200)
                .body(containsString("textContent"))
                .body(not(containsString("innerHTML")))
                .body(not(containsString("insertAdjacentHTML")));
    }

    @Test
    void the_jwks_endpoint_publishes_only_public_keys_with_a_kid() {
        given().baseUri(server.baseUrl()).get("/.well-known/jwks.json")
                .then().statusCode(200)
                .body("keys[0].kid", equalTo(server.services().signingKeys().current().getKeyID()))
                .body("keys[0].kty", equalTo("EC"))
                .body("keys[0].d", equalTo(null));
    }
}
