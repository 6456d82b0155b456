package dev.quietlog.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
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
