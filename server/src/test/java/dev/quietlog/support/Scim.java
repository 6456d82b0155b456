package dev.quietlog.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An identity provider's side of /scim/v2: its token, its requests, and the recorded requests under test resources scim/. */
public final class Scim {
    public static final String CONTENT_TYPE = "application/scim+json";

    private final TestServer server;
    private final String token;

    public Scim(TestServer server) {
        this(server, server.adminToken());
    }

    /** The SCIM token of the org whose admin this is (another org's identity provider, say). */
    public Scim(TestServer server, String adminToken) {
        this.server = server;
        this.token = given().baseUri(server.baseUrl()).header("Authorization", "Bearer " + adminToken)
                .contentType("application/json").body("{}")
                .post("/api/v1/admin/scim-tokens").then().statusCode(201).extract().path("token");
    }

    public String token() {
        return token;
    }

    public RequestSpecification request() {
        return given().baseUri(server.baseUrl()).header("Authorization", "Bearer " + token)
                .contentType(CONTENT_TYPE + "; charset=utf-8").accept(CONTENT_TYPE);
    }

    /** A recorded request body, with {{id}} filled in. */
    public static String body(String name, String id) {
        return resource(name).replace("{{id}}", id == null ? "" : id);
    }

    /** A recorded request body, with each {{placeholder}} filled in. */
    public static String filled(String name, Map<String, String> values) {
        String body = resource(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            body = body.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        if (body.contains("{{")) {
            throw new IllegalArgumentException("scim/" + name + ": a placeholder was not filled in");
        }
        return body;
    }

    /** A recorded GET (`GET /scim/v2/Users?…` in a .http file), replayed with its query decoded and re-encoded. */
    public RequestSpecification recordedGet(String name) {
        return recordedGet(name, null);
    }

    /** A recorded GET with {{id}} in its path filled in. */
    public RequestSpecification recordedGet(String name, String id) {
        String line = resource(name).strip().replace("{{id}}", id == null ? "" : id);
        String target = line.substring(line.indexOf(' ') + 1);
        Map<String, String> query = new LinkedHashMap<>();
        int q = target.indexOf('?');
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return request().basePath(q >= 0 ? target.substring(0, q) : target).queryParams(query);
    }

    private static String resource(String name) {
        try (InputStream in = Scim.class.getClassLoader().getResourceAsStream("scim/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource scim/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
