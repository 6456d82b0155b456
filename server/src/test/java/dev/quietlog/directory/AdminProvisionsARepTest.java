package dev.quietlog.directory;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.quietlog.support.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminProvisionsARepTest extends ServerTest {

    @Test
    void an_admin_creates_a_rep_and_issues_a_token_the_rep_can_use() {
        api.as(server.adminToken()).body(Map.of("email", "Ann.Rep@Acme.com", "name", "Ann Rep", "role", "rep"))
                .post("/api/v1/admin/users")
                .then().statusCode(201)
                .body("email", equalTo("ann.rep@acme.com"))
                .body("role", equalTo("rep"));
        String token = api.as(server.adminToken()).body(Map.of("email", "ann.rep@acme.com"))
                .post("/api/v1/admin/tokens")
                .then().statusCode(201)
                .body("expiresAt", notNullValue())
                .extract().path("token");

        api.as(token).get("/api/v1/me")
                .then().statusCode(200)
                .body("user.email", equalTo("ann.rep@acme.com"))
                .body("user.name", equalTo("Ann Rep"))
                .body("user.role", equalTo("rep"))
                .body("org.name", equalTo("Acme"))
                .body("policy.internalDomains", hasItem("acme.com"))
                .body("policy.captureLevel", equalTo("subject_snippet"));
    }

    @Test
    void a_rep_token_on_the_admin_api_is_forbidden() {
        String repToken = api.userWithToken("rep2@acme.com", "Rep Two", "rep");
        api.as(repToken).body(Map.of("email", "x@acme.com", "name", "X", "role", "admin"))
                .post("/api/v1/admin/users")
                .then().statusCode(403)
                .body("error.code", equalTo("forbidden"))
                .body("error.message", containsString("rep"));
    }

    @Test
    void creating_a_user_twice_is_a_conflict_that_names_the_email() {
        api.userWithToken("dup@acme.com", "Dup", "manager");
        api.as(server.adminToken()).body(Map.of("email", "dup@acme.com", "name", "Dup", "role", "rep"))
                .post("/api/v1/admin/users")
                .then().statusCode(409)
                .body("error.message", containsString("dup@acme.com"));
    }

    @Test
    void bad_user_fields_are_named_in_the_error() {
        api.as(server.adminToken()).body(Map.of("email", "not-an-address", "name", "X", "role", "rep"))
                .post("/api/v1/admin/users")
                .then().statusCode(400).body("error.message", containsString("email"));
        api.as(server.adminToken()).body(Map.of("email", "ok@acme.com", "name", "X", "role", "boss"))
                .post("/api/v1/admin/users")
                .then().statusCode(400).body("error.message", containsString("role"));
        api.as(server.adminToken()).body(Map.of("email", "nobody@acme.com"))
                .post("/api/v1/admin/tokens")
                .then().statusCode(404).body("error.message", containsString("nobody@acme.com"));
    }
}
