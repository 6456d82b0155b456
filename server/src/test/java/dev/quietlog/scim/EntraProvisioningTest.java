package dev.quietlog.scim;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.Scim;
import dev.quietlog.support.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Microsoft Entra ID's provisioning sequence as Microsoft documents it (requests in test
 * resources scim/entra/, see SOURCES.md): a userName that is not the address, lookups by
 * userName, externalId and work email, capitalised ops with filtered paths, path-less values
 * with dotted keys, "False" as a string, and DELETE, which deactivates and keeps the history.
 */
class EntraProvisioningTest extends ServerTest {
    private static final String USER_NAME = "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee";
    private static final String WORK_EMAIL = "test_user_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com";
    private static Scim entra;

    @BeforeAll
    static void identityProvider() {
        entra = new Scim(server);
    }

    private static void patch(String id, String recording) {
        entra.request().body(Scim.body(recording, id)).patch("/scim/v2/Users/" + id).then().statusCode(200);
    }

    private static void filterFinds(String filter, int n) {
        entra.request().queryParam("filter", filter).get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(n)).body("Resources", hasSize(n));
    }

    @Test
    void entra_creates_finds_patches_disables_and_deletes_a_user() {
        entra.recordedGet("entra/01-find-user-zero-results.http").get().then().statusCode(200)
                .body("totalResults", equalTo(0));

        String id = entra.request().body(Scim.body("entra/02-create-user.json", null)).post("/scim/v2/Users")
                .then().statusCode(201)
                .body("userName", equalTo(USER_NAME))
                .body("externalId", equalTo("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"))
                .body("emails[0].value", equalTo(WORK_EMAIL)).body("emails[0].type", equalTo("work"))
                .body("name.familyName", equalTo("familyName"))
                .extract().path("id");

        // The work address, not userName, is who the user is in Quietlog.
        String token = api.as(server.adminToken()).body(Map.of("email", WORK_EMAIL))
                .post("/api/v1/admin/tokens").then().statusCode(201).extract().path("token");
        api.as(token).get("/api/v1/me").then().statusCode(200).body("user.email", equalTo(WORK_EMAIL))
                .body("user.name", equalTo("givenName familyName"));

        entra.recordedGet("entra/03-find-user.http").get().then().statusCode(200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        filterFinds("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\"", 1);
        filterFinds("externalId eq \"0A21F0F2-8D2A-4F8E-BF98-7363C4AED4EF\"", 0);
        filterFinds("emails[type eq \"work\"].value eq \"" + WORK_EMAIL.toUpperCase() + "\"", 1);
        filterFinds("emails eq \"" + WORK_EMAIL + "\"", 1);
        filterFinds("id eq \"" + id + "\"", 1);

        patch(id, "entra/04-update-multi-valued.json");
        entra.request().get("/scim/v2/Users/" + id).then()
                .body("emails[0].value", equalTo("updatedemail@microsoft.com"))
                .body("name.familyName", equalTo("updatedFamilyName"));
        api.as(token).get("/api/v1/me").then().statusCode(200).body("user.email", equalTo("updatedemail@microsoft.com"));

        patch(id, "entra/05-update-single-valued.json");
        filterFinds("userName eq \"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com\"", 1);

        patch(id, "entra/06-replace-multiple-legacy.json");
        entra.request().get("/scim/v2/Users/" + id).then()
                .body("displayName", equalTo("Pvlo")).body("externalId", equalTo("Eqpj"))
                .body("name.givenName", equalTo("Gtfd")).body("emails[0].value", equalTo("testbcwqnm@test.microsoft.com"));

        patch(id, "entra/07-replace-multiple-compliant.json");
        entra.request().get("/scim/v2/Users/" + id).then()
                .body("displayName", equalTo("Bjfe")).body("name.givenName", equalTo("Kkom"))
                .body("name.familyName", equalTo("Unua")).body("emails[0].value", equalTo("testmhvaes@test.microsoft.com"));

        patch(id, "entra/10-add-single-value-legacy.json");

        patch(id, "entra/08-disable-user.json");
        api.as(token).get("/api/v1/me").then().statusCode(401);
        entra.request().body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(true));
        api.as(token).get("/api/v1/me").then().statusCode(200);
        patch(id, "entra/09-disable-user-legacy.json");
        api.as(token).get("/api/v1/me").then().statusCode(401);

        entra.request().delete("/scim/v2/Users/" + id).then().statusCode(204);
        entra.request().get("/scim/v2/Users/" + id).then().statusCode(404)
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error")).body("status", equalTo("404"));
        filterFinds("externalId eq \"Eqpj\"", 0);
        // History stays: the user row is kept, deactivated, and its tokens revoked.
        assertEquals(1, server.count("select count(*) from users where id = cast(? as uuid) and not active", id));
        assertEquals(0, server.count("select count(*) from access_tokens where user_id = cast(? as uuid) and revoked_at is null", id));

        // Entra provisioning the same person again (same userName) brings the same user back, with their history.
        String again = entra.request().body(Scim.body("entra/02-create-user.json", null)
                        .replace(USER_NAME, "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com")
                        .replace("Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com", "TestMhvaes@test.microsoft.com"))
                .post("/scim/v2/Users").then().statusCode(201).body("active", equalTo(true)).extract().path("id");
        assertEquals(id, again);
        api.as(token).get("/api/v1/me").then().statusCode(401);
    }
}
