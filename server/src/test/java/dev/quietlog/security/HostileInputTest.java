package dev.quietlog.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.RawHttp;
import dev.quietlog.support.ServerTest;
import io.restassured.response.Response;
import java.net.URI;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile bodies and headers on the admin, personal and sign-in routes: each is answered with
 * the exact status and the JSON error naming what is wrong, never a 500, and changes nothing.
 */
class HostileInputTest extends ServerTest {

    private static long users() {
        return server.count("select count(*) from users");
    }

    @Test
    void a_duplicate_key_is_refused_not_resolved_last_one_wins() {
        long before = users();
        api.as(server.adminToken())
                .body("{\"email\":\"dup@acme.com\",\"name\":\"Dup\",\"role\":\"rep\",\"role\":\"admin\"}")
                .post("/api/v1/admin/users").then().statusCode(400)
                .body("error.code", equalTo("invalid_request"))
                .body("error.message", containsString("Duplicate field 'role'"));
        assertEquals(before, users());
        api.as(server.adminToken()).body("{\"allowFreeMail\":false,\"allowFreeMail\":true}")
                .patch("/api/v1/admin/policy").then().statusCode(400);
        api.as(server.adminToken()).get("/api/v1/admin/policy").then().statusCode(200).body("allowFreeMail", equalTo(false));
        api.as(server.adminToken()).body("{\"addresses\":[],\"domains\":[],\"domains\":[\"x.com\"]}")
                .put("/api/v1/me/never-log").then().statusCode(400);
        api.as(server.adminToken()).body("{\"email\":\"admin@acme.com\",\"email\":\"other@acme.com\"}")
                .post("/api/v1/admin/tokens").then().statusCode(400);
    }

    /** Overlong "/", overlong NUL, a lone continuation byte, a UTF-16 surrogate, a cut sequence, beyond U+10FFFF. */
    @ParameterizedTest
    @ValueSource(strings = {"c0af", "c080", "80", "eda080", "e282", "f4908080", "f888808080", "ff"})
    void a_body_that_is_not_valid_utf8_is_400(String badBytes) throws Exception {
        byte[] bad = HexFormat.of().parseHex(badBytes);
        byte[] prefix = "{\"email\":\"x@acme.com\",\"name\":\"A".getBytes();
        byte[] suffix = "\",\"role\":\"rep\"}".getBytes();
        byte[] body = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(bad, 0, body, prefix.length, bad.length);
        System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
        long before = users();
        api.as(server.adminToken()).body(body).post("/api/v1/admin/users").then().statusCode(400)
                .body("error.message", equalTo("body: not valid UTF-8"));
        api.as(server.adminToken()).body(body).put("/api/v1/me/never-log").then().statusCode(400);
        byte[] form = new byte[6 + bad.length];
        System.arraycopy("token=".getBytes(), 0, form, 0, 6);
        System.arraycopy(bad, 0, form, 6, bad.length);
        RawHttp.Answer login = RawHttp.send(URI.create(server.baseUrl()).getPort(),
                RawHttp.request("POST", "/login", "Content-Type: application/x-www-form-urlencoded\r\n", form));
        assertEquals(400, login.status(), login.toString());
        assertEquals(before, users());
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"})
    void a_method_override_header_is_refused(String header) {
        api.as(server.adminToken()).header(header, "DELETE").get("/api/v1/me").then().statusCode(400)
                .body("error.message", containsString(header));
        long before = users();
        api.as(server.adminToken()).header(header, "GET")
                .body("{\"email\":\"override@acme.com\",\"name\":\"O\",\"role\":\"rep\"}")
                .post("/api/v1/admin/users").then().statusCode(400);
        assertEquals(before, users());
        api.anonymous().header(header, "PUT").get("/health/live").then().statusCode(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "0", "-1", "731", "\"30\"", "1e1", "1.0", "1e400", "true", "2147483648", "[30]", "{}"})
    void ttl_days_must_be_a_whole_number_from_1_to_730(String ttl) {
        api.as(server.adminToken()).body("{\"email\":\"admin@acme.com\",\"ttlDays\":" + ttl + "}")
                .post("/api/v1/admin/tokens").then().statusCode(400)
                .body("error.message", containsString("ttlDays"));
    }

    @Test
    void a_whole_ttl_within_range_is_accepted() {
        api.as(server.adminToken()).body("{\"email\":\"admin@acme.com\",\"ttlDays\":730}")
                .post("/api/v1/admin/tokens").then().statusCode(201);
        api.as(server.adminToken()).body("{\"email\":\"admin@acme.com\",\"ttlDays\":1}")
                .post("/api/v1/admin/tokens").then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "null", "42", "", "{", "{\"email\":}", "{'email':'x'}"})
    void a_body_that_is_not_a_json_object_is_400(String body) {
        api.as(server.adminToken()).body(body).post("/api/v1/admin/users").then().statusCode(400)
                .body("error.code", equalTo("invalid_request"));
    }

    @Test
    void absurd_nesting_and_absurd_numbers_are_400_not_a_stack_overflow() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        api.as(server.adminToken()).body(deep).post("/api/v1/admin/users").then().statusCode(400);
        api.as(server.adminToken()).body("{\"email\":\"admin@acme.com\",\"ttlDays\":" + "9".repeat(5000) + "}")
                .post("/api/v1/admin/tokens").then().statusCode(400);
    }

    @Test
    void control_characters_and_wrong_types_in_admin_fields_are_400_naming_the_field() {
        api.as(server.adminToken()).body("{\"email\":\"n@acme.com\",\"name\":\"N\\u0000\",\"role\":\"rep\"}")
                .post("/api/v1/admin/users").then().statusCode(400).body("error.message", containsString("name"));
        api.as(server.adminToken()).body("{\"email\":\"n@acme.com\",\"name\":\"N\",\"role\":\"superadmin\"}")
                .post("/api/v1/admin/users").then().statusCode(400).body("error.message", containsString("role"));
        api.as(server.adminToken()).body("{\"email\":[\"n@acme.com\"],\"name\":\"N\",\"role\":\"rep\"}")
                .post("/api/v1/admin/users").then().statusCode(400).body("error.message", containsString("email"));
    }

    @Test
    void sign_in_with_a_huge_empty_or_binary_token_is_401_with_the_form() {
        for (String token : new String[] {"", "x".repeat(200_000), "eyJ\u0000.\u00ff.", "a.b.c"}) {
            Response r = given().baseUri(server.baseUrl()).contentType("application/x-www-form-urlencoded")
                    .formParam("token", token).post("/login");
            r.then().statusCode(401).body(containsString("not valid"));
        }
        given().baseUri(server.baseUrl()).contentType("application/x-www-form-urlencoded").body("")
                .post("/login").then().statusCode(401);
    }

    @Test
    void unusual_methods_are_refused_in_the_json_shape() {
        api.anonymous().request("TRACE", "/api/v1/me").then().statusCode(405);
        api.anonymous().put("/login").then().statusCode(405).body("error.code", equalTo("method_not_allowed"));
        api.anonymous().delete("/dashboard").then().statusCode(405);
    }
}
