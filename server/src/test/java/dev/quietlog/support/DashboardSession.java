package dev.quietlog.support;

import static io.restassured.RestAssured.given;

import dev.quietlog.auth.AccessControl;
import io.restassured.specification.RequestSpecification;

/**
 * The one way the dashboard's tests sign in: through the login form, as a person does
 * ({@link Api#session}), then every request carries that session cookie.
 */
public final class DashboardSession {
    private final TestServer server;
    private final String cookie;

    private DashboardSession(TestServer server, String cookie) {
        this.server = server;
        this.cookie = cookie;
    }

    public static DashboardSession login(TestServer server, String token) {
        return new DashboardSession(server, new Api(server).session(token));
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
