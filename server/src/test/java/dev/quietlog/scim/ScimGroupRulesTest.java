package dev.quietlog.scim;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.Scim;
import dev.quietlog.support.ServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What SCIM groups may and may not do: members must be users of this org (another org's user ids
 * are refused exactly like ids that do not exist), another org's SCIM token sees none of this
 * org's groups, filters other than displayName/externalId/id are refused, names are unique, a team
 * an admin made is taken over by name, and a SCIM-managed team's reps are changed only over SCIM.
 */
class ScimGroupRulesTest extends ServerTest {
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static Scim idp;
    private static String cy;
    private static String di;

    @BeforeAll
    static void users() {
        idp = new Scim(server);
        cy = user("cy@acme.com");
        di = user("di@acme.com");
    }

    private static String user(String email) {
        return idp.request().body(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", email))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> group(String name, String... members) {
        return Map.of("schemas", List.of(GROUP), "displayName", name,
                "members", java.util.Arrays.stream(members).map(m -> Map.of("value", m)).toList());
    }

    private static String create(String name, String... members) {
        return idp.request().body(group(name, members)).post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> addMembers(String... members) {
        return Map.of("schemas", List.of(PATCH), "Operations", List.of(Map.of("op", "add", "path", "members",
                "value", java.util.Arrays.stream(members).map(m -> Map.of("value", m)).toList())));
    }

    private static void refusedAs(io.restassured.response.Response r, int status, String scimType, String detail) {
        r.then().statusCode(status).contentType(startsWith(Scim.CONTENT_TYPE))
                .body("schemas", contains("urn:ietf:params:scim:api:messages:2.0:Error"))
                .body("status", equalTo(String.valueOf(status))).body("scimType", equalTo(scimType))
                .body("detail", containsString(detail));
    }

    @Test
    void discovery_documents_list_groups_and_stay_truthful() {
        idp.request().get("/scim/v2/ResourceTypes").then().statusCode(200)
                .body("totalResults", equalTo(2)).body("Resources.endpoint", contains("/Users", "/Groups"))
                .body("Resources[1].schema", equalTo(GROUP));
        idp.request().get("/scim/v2/Schemas").then().statusCode(200)
                .body("Resources.id", contains("urn:ietf:params:scim:schemas:core:2.0:User", GROUP))
                .body("Resources[1].attributes.name", contains("displayName", "externalId", "members"));
        idp.request().get("/scim/v2/ServiceProviderConfig").then().statusCode(200)
                .body("patch.supported", equalTo(true)).body("filter.supported", equalTo(true))
                .body("filter.maxResults", equalTo(ScimGroups.MAX_PAGE))
                .body("bulk.supported", equalTo(false)).body("sort.supported", equalTo(false))
                .body("etag.supported", equalTo(false));
    }

    @Test
    void a_group_created_with_members_is_a_team_whose_manager_sees_them() {
        String id = create("North", cy, di);
        String manager = api.userWithToken("north.boss@acme.com", "Nora North", "manager");
        api.as(server.adminToken()).body(Map.of("email", "north.boss@acme.com"))
                .post("/api/v1/admin/teams/North/managers").then().statusCode(200)
                .body("id", equalTo(id)).body("reps.email", contains("cy@acme.com", "di@acme.com"));
        api.as(manager).get("/api/v1/dashboard/team").then().statusCode(200)
                .body("team.name", equalTo("North")).body("reps.email", containsInAnyOrder("cy@acme.com", "di@acme.com"));
        api.as(manager).get("/api/v1/dashboard/reps/" + cy).then().statusCode(200);

        // SCIM-managed: an admin changes the managers, never the reps (the identity provider would undo it).
        api.as(server.adminToken()).get("/api/v1/admin/teams/" + id).then().body("scimManaged", equalTo(true));
        api.as(server.adminToken()).body(Map.of("email", "north.boss@acme.com")).post("/api/v1/admin/teams/North/reps")
                .then().statusCode(409).body("error.message", containsString("identity provider"));
        api.as(server.adminToken()).delete("/api/v1/admin/teams/North/reps/cy@acme.com").then().statusCode(409);
        api.as(server.adminToken()).delete("/api/v1/admin/teams/North/managers/north.boss@acme.com").then().statusCode(200);
        api.as(manager).get("/api/v1/dashboard/reps/" + cy).then().statusCode(404);
    }

    @Test
    void a_member_that_is_not_a_user_of_this_org_is_refused_naming_it_and_nothing_is_written() {
        String stranger = UUID.randomUUID().toString();
        refusedAs(idp.request().body(group("Ghosts", cy, stranger)).post("/scim/v2/Groups"), 400, "invalidValue",
                "members: no user with id " + stranger);
        idp.request().queryParam("filter", "displayName eq \"Ghosts\"").get("/scim/v2/Groups").then()
                .body("totalResults", equalTo(0));

        String id = create("Solo", cy);
        refusedAs(idp.request().body(addMembers(di, "not-an-id")).patch("/scim/v2/Groups/" + id), 400, "invalidValue",
                "no user with id not-an-id");
        refusedAs(idp.request().body(Map.of("schemas", List.of(PATCH), "Operations", List.of(Map.of("op", "add",
                "path", "members", "value", List.of(Map.of("display", "no value")))))).patch("/scim/v2/Groups/" + id),
                400, "invalidValue", "members.value");
        idp.request().get("/scim/v2/Groups/" + id).then().body("members.value", contains(cy));
        // Ids are matched in any case; a path-less replace may carry the whole membership.
        idp.request().body(Map.of("schemas", List.of(PATCH), "Operations", List.of(Map.of("op", "Replace",
                "value", Map.of("members", List.of(Map.of("value", di.toUpperCase()))))))).patch("/scim/v2/Groups/" + id)
                .then().statusCode(200).body("members.value", contains(di));
        idp.request().body(Map.of("schemas", List.of(PATCH), "Operations", List.of(Map.of("op", "remove",
                "path", "members[value eq \"" + di.toUpperCase() + "\"]")))).patch("/scim/v2/Groups/" + id)
                .then().statusCode(200).body("members", empty());

        // A user SCIM deleted is out of SCIM's sight, so cannot be a member either.
        String gone = user("gone@acme.com");
        idp.request().delete("/scim/v2/Users/" + gone).then().statusCode(204);
        refusedAs(idp.request().body(addMembers(gone)).patch("/scim/v2/Groups/" + id), 400, "invalidValue", gone);
    }

    @Test
    void another_orgs_users_and_scim_token_get_nothing() {
        String otherAdmin = server.database().jdbi().inTransaction(h -> server.services().directory()
                .createOrgWithAdmin(h, "Initrode", List.of("initrode.com"), "admin@initrode.com", Duration.ofDays(1))
                .token());
        Scim other = new Scim(server, otherAdmin);
        String theirUser = other.request().body(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                "userName", "ira@initrode.com")).post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        String ours = create("Ours", cy);

        // Their user id in our group reads exactly like an id that does not exist.
        String unknown = UUID.randomUUID().toString();
        String theirs = idp.request().body(addMembers(theirUser)).patch("/scim/v2/Groups/" + ours)
                .then().statusCode(400).body("scimType", equalTo("invalidValue")).extract().path("detail");
        String nobody = idp.request().body(addMembers(unknown)).patch("/scim/v2/Groups/" + ours)
                .then().statusCode(400).extract().path("detail");
        assertEquals(nobody.replace(unknown, "ID"), theirs.replace(theirUser, "ID"));
        refusedAs(idp.request().body(group("Mixed", theirUser)).post("/scim/v2/Groups"), 400, "invalidValue", theirUser);

        // Their token: our group does not exist for it, whatever it tries.
        other.request().get("/scim/v2/Groups/" + ours).then().statusCode(404);
        other.request().body(addMembers(theirUser)).patch("/scim/v2/Groups/" + ours).then().statusCode(404);
        other.request().body(group("Taken over", theirUser)).put("/scim/v2/Groups/" + ours).then().statusCode(404);
        other.request().delete("/scim/v2/Groups/" + ours).then().statusCode(404);
        other.request().get("/scim/v2/Groups").then().statusCode(200).body("totalResults", equalTo(0));
        other.request().queryParam("filter", "displayName eq \"Ours\"").get("/scim/v2/Groups").then()
                .body("totalResults", equalTo(0));
        other.request().queryParam("filter", "id eq \"" + ours + "\"").get("/scim/v2/Groups").then()
                .body("totalResults", equalTo(0));
        // The same name is theirs to use; and our group is as it was.
        other.request().body(group("Ours", theirUser)).post("/scim/v2/Groups").then().statusCode(201)
                .body("id", not(equalTo(ours)));
        idp.request().get("/scim/v2/Groups/" + ours).then().statusCode(200)
                .body("displayName", equalTo("Ours")).body("members.value", contains(cy));
    }

    @Test
    void an_unsupported_filter_is_400_invalid_filter() {
        for (String filter : List.of("displayName co \"North\"", "members[value eq \"" + cy + "\"]",
                "displayName eq \"a\" and externalId eq \"b\"", "userName eq \"cy@acme.com\"", "displayName eq North")) {
            refusedAs(idp.request().queryParam("filter", filter).get("/scim/v2/Groups"), 400, "invalidFilter", "filter");
        }
    }

    @Test
    void names_are_unique_and_a_team_an_admin_made_is_taken_over_by_name() {
        create("Unique");
        refusedAs(idp.request().body(group("UNIQUE")).post("/scim/v2/Groups"), 409, "uniqueness", "displayName");
        String other = create("Other");
        refusedAs(idp.request().body(Map.of("schemas", List.of(PATCH), "Operations", List.of(Map.of("op", "Replace",
                "path", "displayName", "value", "unique")))).patch("/scim/v2/Groups/" + other), 409, "uniqueness", "unique");

        // An admin's team of that name, with its manager and a rep the admin put there.
        String adminTeam = api.as(server.adminToken()).body(Map.of("name", "West")).post("/api/v1/admin/teams")
                .then().statusCode(201).extract().path("id");
        api.userWithToken("west.boss@acme.com", "Will West", "manager");
        api.as(server.adminToken()).body(Map.of("email", "west.boss@acme.com")).post("/api/v1/admin/teams/West/managers")
                .then().statusCode(200);
        api.as(server.adminToken()).body(Map.of("email", "di@acme.com")).post("/api/v1/admin/teams/West/reps")
                .then().statusCode(200);
        idp.request().queryParam("filter", "displayName eq \"West\"").get("/scim/v2/Groups").then()
                .body("totalResults", equalTo(0));
        idp.request().body(group("West", cy)).post("/scim/v2/Groups").then().statusCode(201)
                .body("id", equalTo(adminTeam)).body("members.value", contains(cy));
        api.as(server.adminToken()).get("/api/v1/admin/teams/" + adminTeam).then()
                .body("managers.email", contains("west.boss@acme.com")).body("reps.email", contains("cy@acme.com"))
                .body("scimManaged", equalTo(true));
        api.as(server.adminToken()).get("/api/v1/admin/audit?action=team.provisioned&limit=50").then()
                .body("entries.find { it.target.contains('West') }.details.tookOverExistingTeam", equalTo(true));
    }

    @Test
    void patch_refuses_what_a_group_does_not_have() {
        String id = create("Strict");
        refusedAs(idp.request().body(Map.of("schemas", List.of(PATCH), "Operations", List.of(Map.of("op", "replace",
                "path", "description", "value", "x")))).patch("/scim/v2/Groups/" + id), 400, "invalidPath", "description");
        refusedAs(idp.request().body(Map.of("schemas", List.of(PATCH), "Operations", List.of(Map.of("op", "replace",
                "value", Map.of("id", UUID.randomUUID().toString()))))).patch("/scim/v2/Groups/" + id), 400, "mutability", "id");
        refusedAs(idp.request().body(Map.of("schemas", List.of(PATCH), "Operations", List.of(Map.of("op", "remove",
                "path", "displayName")))).patch("/scim/v2/Groups/" + id), 400, "invalidValue", "displayName");
        refusedAs(idp.request().body(Map.of("schemas", List.of(PATCH), "Operations", List.of(Map.of("op", "replace",
                "path", "displayName", "value", "a\u0007b")))).patch("/scim/v2/Groups/" + id), 400, "invalidValue", "displayName");
        refusedAs(idp.request().body(Map.of("schemas", List.of(PATCH), "Operations", List.of(Map.of("op", "move",
                "path", "members")))).patch("/scim/v2/Groups/" + id), 400, "invalidSyntax", "op");
        refusedAs(idp.request().body(Map.of("schemas", List.of(GROUP))).post("/scim/v2/Groups"), 400, "invalidValue", "displayName");
        idp.request().body("{not json").post("/scim/v2/Groups").then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        idp.request().get("/scim/v2/Groups/not-an-id").then().statusCode(404);
        idp.request().get("/scim/v2/Groups/" + id).then().statusCode(200).body("displayName", equalTo("Strict"));
    }

    @Test
    void groups_come_in_pages_in_a_stable_order() {
        for (String name : List.of("Page A", "Page B", "Page C")) {
            create(name);
        }
        List<String> all = idp.request().queryParam("count", 200).queryParam("excludedAttributes", "members")
                .get("/scim/v2/Groups").then().statusCode(200).extract().path("Resources.id");
        int total = all.size();
        idp.request().queryParam("startIndex", 2).queryParam("count", 1).get("/scim/v2/Groups").then().statusCode(200)
                .body("totalResults", equalTo(total)).body("startIndex", equalTo(2)).body("itemsPerPage", equalTo(1))
                .body("Resources.id", contains(all.get(1)));
        idp.request().queryParam("count", 0).get("/scim/v2/Groups").then()
                .body("totalResults", equalTo(total)).body("Resources", empty());
        idp.request().queryParam("startIndex", total + 1).get("/scim/v2/Groups").then().body("Resources", empty());
        String firstName = idp.request().get("/scim/v2/Groups/" + all.get(0)).then().extract().path("displayName");
        idp.request().queryParam("attributes", "displayName").get("/scim/v2/Groups").then()
                .body("Resources.findAll { it.members != null }", empty()).body("Resources[0].displayName", equalTo(firstName));
        refusedAs(idp.request().queryParam("count", "ten").get("/scim/v2/Groups"), 400, "invalidValue", "count");
    }
}
