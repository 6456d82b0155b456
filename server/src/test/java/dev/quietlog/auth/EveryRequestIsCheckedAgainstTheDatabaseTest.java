package dev.quietlog.auth;

import static io.restassured.RestAssured.given;

import dev.quietlog.support.ServerTest;
import org.junit.jupiter.api.Test;

/** A revoked token, its dashboard sessions and a deactivated user are refused on the very next request. */
class EveryRequestIsCheckedAgainstTheDatabaseTest extends ServerTest {

    private static void sql(String statement, String arg) {
        server.database().jdbi().useHandle(h -> h.execute(statement, arg));
    }

    private static String sessionFor(String token) {
        return api.session(token);
    }

    @Test
    void a_revoked_token_and_the_sessions_made_from_it_stop_working_at_once() {
        String manager = api.userWithToken("meg@acme.com", "Meg Manager", "manager");
        String session = sessionFor(manager);
        api.as(manager).get("/api/v1/me").then().statusCode(200);

        sql("update access_tokens set revoked_at = now() where user_id = "
                + "(select id from users where email = ?)", "meg@acme.com");

        api.as(manager).get("/api/v1/me").then().statusCode(401);
        given().baseUri(server.baseUrl()).cookie(AccessControl.SESSION_COOKIE, session)
                .get("/api/v1/interactions").then().statusCode(401);
        given().baseUri(server.baseUrl()).cookie(AccessControl.SESSION_COOKIE, session).redirects().follow(false)
                .get("/dashboard").then().statusCode(303);
    }

    @Test
    void a_deactivated_user_is_refused_on_the_next_request() {
        String rep = api.userWithToken("gone@acme.com", "Gone Rep", "rep");
        api.as(rep).get("/api/v1/me").then().statusCode(200);
        sql("update users set active = false where email = ?", "gone@acme.com");
        api.as(rep).get("/api/v1/me").then().statusCode(401);
    }
}
