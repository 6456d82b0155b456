package dev.quietlog.scim;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.quietlog.support.Scim;
import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Microsoft Entra ID's group provisioning as Microsoft documents it and as its SCIM validator
 * sends it (requests in test resources scim/entra/1x-*, see SOURCES.md): a lookup by displayName
 * with excludedAttributes=members, a create without members, capitalised ops, members removed with
 * a list of values (without the compliance flag) or with members[value eq "…"] (with it), every
 * member removed at once, a PUT, and DELETE.
 */
class EntraGroupProvisioningTest extends ServerTest {
    private static final String EXTERNAL_ID = "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159";
    private static final String RENAMED = "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName";
    private static Scim entra;
    private static String u1;
    private static String u2;

    @BeforeAll
    static void users() {
        entra = new Scim(server);
        u1 = provision("Test_User_1", "one@acme.com");
        u2 = provision("Test_User_2", "two@acme.com");
    }

    private static String provision(String userName, String email) {
        return entra.request().body(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                        "userName", userName, "emails", List.of(Map.of("value", email, "type", "work", "primary", true))))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
    }

    private static void patch(String id, String recording, String member) {
        entra.request().body(Scim.filled(recording, member == null ? Map.of() : Map.of("member1", member)))
                .patch("/scim/v2/Groups/" + id).then().statusCode(200).contentType(startsWith(Scim.CONTENT_TYPE));
    }

    private static void membersAre(String id, String... userIds) {
        entra.request().get("/scim/v2/Groups/" + id).then().statusCode(200)
                .body("members.value", userIds.length == 0 ? empty() : containsInAnyOrder((Object[]) userIds));
    }

    @Test
    void entra_finds_creates_renames_fills_empties_replaces_and_deletes_a_group() {
        entra.recordedGet("entra/11-find-group-by-display-name.http").get().then().statusCode(200)
                .body("totalResults", equalTo(0)).body("Resources", empty());

        String id = entra.request().body(Scim.filled("entra/12-create-group.json", Map.of())).post("/scim/v2/Groups")
                .then().statusCode(201)
                .body("displayName", equalTo("displayName")).body("externalId", equalTo(EXTERNAL_ID))
                .body("members", empty())
                .extract().path("id");

        // Found by name, without members, as Entra asks.
        entra.recordedGet("entra/11-find-group-by-display-name.http").get().then().statusCode(200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id))
                .body("Resources[0]", not(hasKey("members")));
        entra.request().queryParam("filter", "displayName eq \"DISPLAYNAME\"").get("/scim/v2/Groups").then()
                .body("totalResults", equalTo(1));
        entra.request().queryParam("filter", "externalId eq \"" + EXTERNAL_ID + "\"").get("/scim/v2/Groups").then()
                .body("totalResults", equalTo(1)).body("Resources[0].members", empty());
        entra.request().queryParam("filter", "externalId eq \"" + EXTERNAL_ID.toUpperCase() + "\"").get("/scim/v2/Groups")
                .then().body("totalResults", equalTo(0));
        entra.recordedGet("entra/13-get-group.http", id).get().then().statusCode(200)
                .body("id", equalTo(id)).body("externalId", equalTo(EXTERNAL_ID)).body("$", not(hasKey("members")));

        patch(id, "entra/14-update-group-display-name.json", null);
        entra.request().queryParam("filter", "displayName eq \"" + RENAMED + "\"").get("/scim/v2/Groups").then()
                .body("totalResults", equalTo(1));
        api.as(server.adminToken()).get("/api/v1/admin/teams/" + id).then().statusCode(200).body("name", equalTo(RENAMED));

        patch(id, "entra/15-add-members.json", u1);
        patch(id, "entra/15-add-members.json", u2);
        patch(id, "entra/15-add-members.json", u2); // again: nothing changes
        membersAre(id, u1, u2);
        api.as(server.adminToken()).get("/api/v1/admin/teams/" + id).then()
                .body("reps.email", contains("one@acme.com", "two@acme.com")).body("managers", empty());

        // Without the SCIM-compliance flag: Remove with a list of values.
        patch(id, "entra/16-remove-members-legacy.json", u1);
        membersAre(id, u2);
        // With it: remove on members[value eq "…"].
        patch(id, "entra/15-add-members.json", u1);
        patch(id, "entra/17-remove-member-compliant.json", u1);
        membersAre(id, u2);
        // Every member at once.
        patch(id, "entra/15-add-members.json", u1);
        patch(id, "entra/18-remove-all-members.json", null);
        membersAre(id);
        api.as(server.adminToken()).get("/api/v1/admin/teams/" + id).then().body("reps", empty());

        entra.request().body(Scim.filled("entra/19-put-group.json", Map.of("id", id, "member1", u1, "member2", u2)))
                .put("/scim/v2/Groups/" + id).then().statusCode(200)
                .body("displayName", equalTo("putName")).body("members.value", containsInAnyOrder(u1, u2))
                .body("members.display", containsInAnyOrder("Test_User_1", "Test_User_2"));
        // PUT is a full replacement: externalId, which it left out, is cleared.
        entra.request().get("/scim/v2/Groups/" + id).then().body("$", not(hasKey("externalId")));

        entra.request().delete("/scim/v2/Groups/" + id).then().statusCode(204);
        entra.request().get("/scim/v2/Groups/" + id).then().statusCode(404)
                .body("schemas", contains("urn:ietf:params:scim:api:messages:2.0:Error")).body("status", equalTo("404"));
        entra.request().delete("/scim/v2/Groups/" + id).then().statusCode(404);
        entra.request().get("/scim/v2/Groups").then().body("totalResults", equalTo(0));
        entra.request().get("/scim/v2/Users/" + u1).then().statusCode(200);
    }
}
