package dev.quietlog.scim;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.quietlog.support.Scim;
import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Okta's provisioning sequence as its SCIM 2.0 reference documents it (requests in test
 * resources scim/okta/, see SOURCES.md): look up by userName, create, update with PUT,
 * deactivate (the rep's token and dashboard session are refused at once), reactivate.
 */
class OktaProvisioningTest extends ServerTest {
    private static Scim okta;

    @BeforeAll
    static void identityProvider() {
        okta = new Scim(server);
    }

    @Test
    void okta_finds_creates_updates_deactivates_and_reactivates_a_user() {
        okta.recordedGet("okta/01-find-user.http").get().then().statusCode(200)
                .contentType(startsWith(Scim.CONTENT_TYPE))
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:api:messages:2.0:ListResponse")))
                .body("totalResults", equalTo(0)).body("startIndex", equalTo(1)).body("itemsPerPage", equalTo(0))
                .body("Resources", hasSize(0));

        String id = okta.request().body(Scim.body("okta/02-create-user.json", null)).post("/scim/v2/Users")
                .then().statusCode(201).contentType(startsWith(Scim.CONTENT_TYPE))
                .header("Location", startsWith("/scim/v2/Users/"))
                .body("userName", equalTo("test.user@okta.local"))
                .body("externalId", equalTo("00ujl29u0le5T6Aj10h7"))
                .body("name.givenName", equalTo("Test")).body("displayName", equalTo("Test User"))
                .body("emails[0].value", equalTo("test.user@okta.local")).body("emails[0].primary", equalTo(true))
                .body("active", equalTo(true)).body("meta.resourceType", equalTo("User"))
                .body("meta.created", notNullValue())
                .extract().path("id");

        okta.recordedGet("okta/01-find-user.http").get().then().statusCode(200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        okta.request().queryParam("filter", "userName eq \"TEST.User@OKTA.local\"").get("/scim/v2/Users")
                .then().body("totalResults", equalTo(1));
        okta.request().get("/scim/v2/Users/" + id).then().statusCode(200).body("userName", equalTo("test.user@okta.local"));

        // Okta creates only after a lookup; a second create of the same userName is a uniqueness conflict.
        okta.request().body(Scim.body("okta/02-create-user.json", null)).post("/scim/v2/Users")
                .then().statusCode(409).contentType(startsWith(Scim.CONTENT_TYPE))
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:api:messages:2.0:Error")))
                .body("status", equalTo("409")).body("scimType", equalTo("uniqueness"));

        // The provisioned user is a rep IT can give a token; it works, and so does a session made from it.
        String token = api.as(server.adminToken()).body(Map.of("email", "test.user@okta.local"))
                .post("/api/v1/admin/tokens").then().statusCode(201).extract().path("token");
        api.as(token).get("/api/v1/me").then().statusCode(200).body("user.role", equalTo("rep"))
                .body("user.name", equalTo("Test User"));

        okta.request().body(Scim.body("okta/03-replace-user.json", id)).put("/scim/v2/Users/" + id)
                .then().statusCode(200).body("name.givenName", equalTo("Another"))
                .body("displayName", equalTo("Another User"));

        okta.request().body(Scim.body("okta/04-deactivate-user.json", id)).patch("/scim/v2/Users/" + id)
                .then().statusCode(200).body("active", equalTo(false));
        api.as(token).get("/api/v1/me").then().statusCode(401);
        okta.request().queryParam("startIndex", 1).queryParam("count", 100).get("/scim/v2/Users").then()
                .statusCode(200).body("Resources.userName", hasItem("test.user@okta.local"))
                .body("Resources.find { it.id == '" + id + "' }.active", equalTo(false));

        okta.request().body(Scim.body("okta/05-reactivate-user.json", id)).patch("/scim/v2/Users/" + id)
                .then().statusCode(200).body("active", equalTo(true));
        api.as(token).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void deactivation_also_ends_the_users_dashboard_sessions() {
        String id = okta.request().body(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                        "userName", "meg.manager@acme.com", "name", Map.of("givenName", "Meg", "familyName", "Manager"),
                        "emails", List.of(Map.of("value", "meg.manager@acme.com", "type", "work", "primary", true)),
                        "active", true))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        server.database().jdbi().useHandle(h -> h.execute("update users set role = 'manager' where email = 'meg.manager@acme.com'"));
        String token = api.as(server.adminToken()).body(Map.of("email", "meg.manager@acme.com"))
                .post("/api/v1/admin/tokens").then().statusCode(201).extract().path("token");
        String session = api.session(token);
        api.withSession(session).get("/api/v1/interactions").then().statusCode(200);

        okta.request().body(Scim.body("okta/04-deactivate-user.json", id)).patch("/scim/v2/Users/" + id).then().statusCode(200);
        api.withSession(session).get("/api/v1/interactions").then().statusCode(401);

        okta.request().body(Scim.body("okta/05-reactivate-user.json", id)).patch("/scim/v2/Users/" + id).then().statusCode(200);
        api.withSession(session).get("/api/v1/interactions").then().statusCode(200);
    }
}
