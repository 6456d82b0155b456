package dev.quietlog.scim;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.seenBy;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.quietlog.support.Scim;
import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Okta's Group Push as Okta documents it (requests in test resources scim/okta/1x-*, see
 * SOURCES.md): the group is created empty, renamed with a path-less replace that repeats its id,
 * members are added and removed (members[value eq "…"]) and pushed whole (replace), and the group
 * is deleted when it is unlinked. Members become the team's reps, so the team's manager sees
 * exactly them in the dashboard; the manager, set by an admin, stays the manager whatever SCIM does.
 */
class OktaGroupPushTest extends ServerTest {
    private static Scim okta;
    private static String ann;
    private static String bo;
    private static String bossToken;
    private static String bossId;

    @BeforeAll
    static void usersAndTheirWork() {
        okta = new Scim(server);
        ann = provision("ann.rep@acme.com", "Ann", "Rep");
        bo = provision("bo.rep@acme.com", "Bo", "Rep");
        bossToken = api.userWithToken("boss@acme.com", "Bea Boss", "manager");
        bossId = api.as(bossToken).get("/api/v1/me").then().extract().path("user.id");
        capture("ann.rep@acme.com", "Ann Rep", "ann-1@acme.com", "Ann's deal");
        capture("bo.rep@acme.com", "Bo Rep", "bo-1@acme.com", "Bo's deal");
    }

    private static String provision(String email, String given, String family) {
        return okta.request().body(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                        "userName", email, "name", Map.of("givenName", given, "familyName", family),
                        "emails", List.of(Map.of("value", email, "type", "work", "primary", true)), "active", true))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
    }

    private static void capture(String rep, String name, String messageId, String subject) {
        String token = api.as(server.adminToken()).body(Map.of("email", rep)).post("/api/v1/admin/tokens")
                .then().statusCode(201).extract().path("token");
        api.as(token).body(batch(List.of(seenBy(rep, with(outboundEmail(messageId, "ivy@initech.com", subject),
                "from", person(rep, name)))))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored"));
    }

    private static void patch(String groupId, String recording, Map<String, String> values) {
        okta.request().body(Scim.filled(recording, values)).patch("/scim/v2/Groups/" + groupId).then().statusCode(200)
                .contentType(startsWith(Scim.CONTENT_TYPE)).body("id", equalTo(groupId));
    }

    /** What the manager's dashboard shows: the team's reps, and the interactions they may read. */
    private static void managerSees(List<String> repEmails, List<String> subjects) {
        api.as(bossToken).get("/api/v1/dashboard/team").then().statusCode(200)
                .body("reps.email", repEmails.isEmpty() ? empty() : containsInAnyOrder(repEmails.toArray()));
        api.as(bossToken).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.subject", subjects.isEmpty() ? empty() : containsInAnyOrder(subjects.toArray()));
    }

    @Test
    void okta_pushes_a_group_changes_its_members_and_unlinks_it() {
        var created = okta.request().body(Scim.filled("okta/11-create-group.json", Map.of())).post("/scim/v2/Groups")
                .then().statusCode(201).contentType(startsWith(Scim.CONTENT_TYPE))
                .body("schemas", contains("urn:ietf:params:scim:schemas:core:2.0:Group"))
                .body("displayName", equalTo("Test SCIMv2")).body("members", empty())
                .body("meta.resourceType", equalTo("Group")).body("meta.created", notNullValue())
                .extract();
        String id = created.path("id");
        assertEquals("/scim/v2/Groups/" + id, created.header("Location"));

        // The group is a team; IT makes Bea its manager, which SCIM leaves to admins.
        api.as(server.adminToken()).body(Map.of("email", "boss@acme.com")).post("/api/v1/admin/teams/" + id + "/managers")
                .then().statusCode(200).body("name", equalTo("Test SCIMv2")).body("scimManaged", equalTo(true));
        managerSees(List.of(), List.of());

        // Okta sends the name with every membership update; unchanged, it changes nothing.
        patch(id, "okta/13-update-group-name.json", Map.of("id", id));
        okta.request().body(Scim.filled("okta/13-update-group-name.json", Map.of("id", id)).replace("Test SCIMv2", "Test SCIMv20"))
                .patch("/scim/v2/Groups/" + id).then().statusCode(200).body("displayName", equalTo("Test SCIMv20"));

        // Ann joins (removing Bo, who is not a member, is a no-op): Bea sees Ann and her work.
        patch(id, "okta/14-update-group-membership.json", Map.of("member1", bo, "member2", ann));
        okta.request().get("/scim/v2/Groups/" + id).then().statusCode(200)
                .body("members.value", contains(ann)).body("members[0].display", equalTo("Ann Rep"))
                .body("members[0].$ref", equalTo("/scim/v2/Users/" + ann));
        managerSees(List.of("ann.rep@acme.com"), List.of("Ann's deal"));

        // A full push of the membership: both.
        patch(id, "okta/15-replace-group-members.json", Map.of("member1", bo, "member2", ann));
        managerSees(List.of("ann.rep@acme.com", "bo.rep@acme.com"), List.of("Ann's deal", "Bo's deal"));

        // Ann leaves the group: Bea no longer sees her, her work, or her page.
        patch(id, "okta/14-update-group-membership.json", Map.of("member1", ann, "member2", bo));
        okta.request().get("/scim/v2/Groups/" + id).then().body("members.value", contains(bo));
        managerSees(List.of("bo.rep@acme.com"), List.of("Bo's deal"));
        api.as(bossToken).get("/api/v1/dashboard/reps/" + ann).then().statusCode(404);
        api.as(bossToken).get("/api/v1/dashboard/reps/" + bo).then().statusCode(200);

        // Bea in the Okta group too, then out of it: she is a rep of the team for a while, and its manager throughout.
        okta.request().body(Scim.filled("okta/15-replace-group-members.json", Map.of("member1", bo, "member2", bossId)))
                .patch("/scim/v2/Groups/" + id).then().statusCode(200).body("members.value", containsInAnyOrder(bo, bossId));
        patch(id, "okta/14-update-group-membership.json", Map.of("member1", bossId, "member2", bo));
        api.as(server.adminToken()).get("/api/v1/admin/teams/" + id).then().statusCode(200)
                .body("managers.email", contains("boss@acme.com")).body("reps.email", contains("bo.rep@acme.com"));
        api.as(bossToken).get("/api/v1/me").then().statusCode(200).body("user.role", equalTo("manager"));
        managerSees(List.of("bo.rep@acme.com"), List.of("Bo's deal"));

        // Okta's import lists the group, with its members.
        okta.recordedGet("okta/12-list-groups.http").get().then().statusCode(200)
                .body("schemas", contains("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(1)).body("startIndex", equalTo(1)).body("itemsPerPage", equalTo(1))
                .body("Resources[0].id", equalTo(id)).body("Resources[0].members.value", contains(bo));

        // Unlinked with "Delete the group in the target app": the team goes, its people stay.
        okta.request().delete("/scim/v2/Groups/" + id).then().statusCode(204);
        okta.request().get("/scim/v2/Groups/" + id).then().statusCode(404)
                .body("schemas", contains("urn:ietf:params:scim:api:messages:2.0:Error")).body("status", equalTo("404"));
        okta.request().get("/scim/v2/Users/" + ann).then().statusCode(200).body("active", equalTo(true));
        okta.request().get("/scim/v2/Users/" + bo).then().statusCode(200).body("active", equalTo(true));
        api.as(server.adminToken()).get("/api/v1/admin/teams").then().statusCode(200).body("teams", empty());
        managerSees(List.of(), List.of());

        // Every step is in the audit log, done by SCIM.
        api.as(server.adminToken()).get("/api/v1/admin/audit?action=team.&actor=scim&limit=100").then().statusCode(200)
                .body("entries.actor.kind", hasItems("scim"))
                .body("entries.action", hasItems("team.provisioned", "team.changed", "team.member.added",
                        "team.member.removed", "team.deleted"))
                .body("entries.find { it.action == 'team.changed' }.details.displayName.to", equalTo("Test SCIMv20"))
                .body("entries.findAll { it.action == 'team.member.removed' }.details.email",
                        hasItems("ann.rep@acme.com", "boss@acme.com"));
        api.as(server.adminToken()).get("/api/v1/admin/audit?action=team.&limit=100").then()
                .body("entries.findAll { it.action == 'team.member.added' && it.actor.kind == 'admin' }.details.as",
                        contains("manager"));
    }
}
