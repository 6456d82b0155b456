package dev.quietlog.support;

import static io.restassured.RestAssured.given;

import dev.quietlog.auth.AccessControl;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** Small steps that many tests take against a TestServer, through its HTTP API. */
public final class Api {
    private final TestServer server;

    public Api(TestServer server) {
        this.server = server;
    }

    public RequestSpecification as(String token) {
        return given().baseUri(server.baseUrl()).header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public RequestSpecification anonymous() {
        return given().baseUri(server.baseUrl()).contentType(ContentType.JSON);
    }

    /** POST /login with a token, as the dashboard's form does (same origin), redirects not followed. */
    public Response signIn(String token) {
        return given().baseUri(server.baseUrl()).redirects().follow(false)
                .header("Origin", server.baseUrl()).header("Sec-Fetch-Site", "same-origin")
                .contentType("application/x-www-form-urlencoded").formParam("token", token).post("/login");
    }

    /** A dashboard session cookie's value for a manager's or admin's token. */
    public String session(String token) {
        return signIn(token).then().statusCode(303).extract().cookie(AccessControl.SESSION_COOKIE);
    }

    /** A request carrying a dashboard session cookie. */
    public RequestSpecification withSession(String session) {
        return given().baseUri(server.baseUrl()).redirects().follow(false).cookie(AccessControl.SESSION_COOKIE, session);
    }

    /** Creates a user and returns a fresh token for them. */
    public String userWithToken(String email, String name, String role) {
        as(server.adminToken()).body(Map.of("email", email, "name", name, "role", role))
                .post("/api/v1/admin/users").then().statusCode(201);
        return as(server.adminToken()).body(Map.of("email", email))
                .post("/api/v1/admin/tokens").then().statusCode(201).extract().path("token");
    }

    public static Map<String, Object> batch(List<Map<String, Object>> events) {
        return Map.of("client", Map.of("name", "test", "version", "1"), "events", events);
    }
}
