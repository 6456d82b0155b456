package dev.quietlog.support;

import static io.restassured.RestAssured.given;

import dev.quietlog.auth.AccessControl;
import io.restassured.specification.RequestSpecification;

/**
 * The one way tests sign in to the dashboard: through the login form, as a person does. When
 * the session cookie changes name or shape, this is the only place to change.
 */
public final class DashboardSession {
    private final TestServer server;
    private final String cookie;

    private DashboardSession(TestServer server, String cookie) {
        this.server = server;
        this.cookie = cookie;
    }

    public static DashboardSession login(TestServer server, String token) {
        String cookie = given().baseUri(server.baseUrl()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("token", token)
                .post("/login").then().statusCode(303).extract().cookie(AccessControl.SESSION_COOKIE);
        return new DashboardSession(server, cookie);
    }

    public static String cookieName() {
        return AccessControl.SESSION_COOKIE;
    }

    public String cookie() {
        return cookie;
    }

    public RequestSpecification request() {
        return given().baseUri(server.baseUrl()).cookie(AccessControl.SESSION_COOKIE, cookie).redirects().follow(false);
    }
}
