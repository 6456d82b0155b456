package dev.quietlog.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.support.Cli;
import dev.quietlog.support.Scim;
import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

/** Who did what: admin, SCIM and sign-in actions are recorded, filtered, paged, and cannot be changed. */
class AuditLogTest extends ServerTest {

    private static io.restassured.specification.RequestSpecification admin() {
        return api.as(server.adminToken());
    }

    @Test
    void admin_scim_and_sign_in_actions_are_recorded_with_their_actor() {
        String rep = api.userWithToken("audited@acme.com", "Audited Rep", "rep");
        String tokenId = server.services().tokens().verifyAccessToken(rep).orElseThrow().accessTokenId().toString();
        admin().delete("/api/v1/admin/tokens/" + tokenId).then().statusCode(200);
        admin().delete("/api/v1/admin/users/audited@acme.com/tokens").then().statusCode(200);
        admin().body(Map.of("allowFreeMail", true)).patch("/api/v1/admin/policy").then().statusCode(200);
        String kid = admin().post("/api/v1/admin/keys/rotate").then().statusCode(201).extract().path("kid");
        admin().post("/api/v1/admin/keys/" + kid + "/retire").then().statusCode(200);
        api.signIn(server.adminToken()).then().statusCode(303);
        Scim idp = new Scim(server);
        String id = idp.request().body(Map.of("userName", "provisioned@acme.com",
                        "emails", List.of(Map.of("value", "provisioned@acme.com", "type", "work", "primary", true))))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        idp.request().body("{\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(200);
        idp.request().delete("/scim/v2/Users/" + id).then().statusCode(204);

        admin().get("/api/v1/admin/audit?limit=500").then().statusCode(200)
                .body("entries.action", hasItems("user.created", "token.issued", "token.revoked", "token.revoked-all",
                        "policy.changed", "key.rotated", "key.retired", "dashboard.signed-in", "scim-token.issued",
                        "user.provisioned", "user.changed", "user.deactivated", "user.deprovisioned"))
                .body("entries.find { it.action == 'token.revoked' }.target", equalTo("audited@acme.com"))
                .body("entries.find { it.action == 'token.revoked' }.actor.label", equalTo("admin@acme.com"))
                .body("entries.find { it.action == 'token.revoked' }.actor.kind", equalTo("admin"))
                .body("entries.find { it.action == 'token.revoked' }.details.tokenId", equalTo(tokenId))
                .body("entries.find { it.action == 'policy.changed' }.details.changed.allowFreeMail", equalTo(true))
                .body("entries.find { it.action == 'key.retired' }.target", equalTo(kid))
                .body("entries.find { it.action == 'dashboard.signed-in' }.actor.kind", equalTo("sign-in"))
                .body("entries.find { it.action == 'user.deactivated' }.actor.kind", equalTo("scim"))
                .body("entries.find { it.action == 'user.deprovisioned' }.target", equalTo("provisioned@acme.com"));

        // Filters: an action, an action prefix, an actor's address or kind, a target, a time window.
        admin().get("/api/v1/admin/audit?action=token.revoked").then().body("entries", hasSize(1));
        admin().get("/api/v1/admin/audit?action=token.").then()
                .body("entries.action", everyItem(startsWith("token.")));
        admin().get("/api/v1/admin/audit?actor=scim").then()
                .body("entries.actor.kind", everyItem(equalTo("scim"))).body("entries", hasSize(4));
        admin().get("/api/v1/admin/audit?actor=ADMIN@acme.com&action=key.rotated").then().body("entries", hasSize(1));
        admin().get("/api/v1/admin/audit?target=AUDITED@acme.com&action=token.").then()
                .body("entries.target", everyItem(equalTo("audited@acme.com")))
                .body("entries.action", hasItems("token.issued", "token.revoked", "token.revoked-all"));
        admin().get("/api/v1/admin/audit?since=1h").then().body("entries.size()", equalTo(
                admin().get("/api/v1/admin/audit?limit=500").then().extract().path("entries.size()")));
        admin().get("/api/v1/admin/audit?since=2999-01-01").then().body("entries", hasSize(0));
        admin().get("/api/v1/admin/audit?since=yesterday").then().statusCode(400)
                .body("error.message", startsWith("since:"));
    }

    @Test
    void pages_follow_each_other_without_gaps_or_repeats() {
        for (int i = 0; i < 5; i++) {
            admin().body(Map.of("email", "page" + i + "@acme.com", "name", "Page " + i, "role", "rep"))
                    .post("/api/v1/admin/users").then().statusCode(201);
        }
        List<Integer> all = admin().get("/api/v1/admin/audit?action=user.created&limit=500").then()
                .extract().path("entries.id");
        var first = admin().get("/api/v1/admin/audit?action=user.created&limit=2").then()
                .body("entries", hasSize(2)).body("next", notNullValue()).extract().jsonPath();
        var second = admin().get("/api/v1/admin/audit?action=user.created&limit=500&before=" + first.getLong("next"))
                .then().body("next", nullValue()).extract().jsonPath();
        List<Integer> joined = new java.util.ArrayList<>(first.getList("entries.id"));
        joined.addAll(second.getList("entries.id"));
        assertEquals(all, joined);
    }

    @Test
    void the_database_refuses_to_change_or_remove_an_entry() {
        admin().body(Map.of("captureLevel", "subject")).patch("/api/v1/admin/policy").then().statusCode(200);
        long before = server.count("select count(*) from audit_log");
        assertTrue(before > 0);
        var jdbi = server.database().jdbi();
        for (String sql : List.of("update audit_log set actor = 'someone else'", "delete from audit_log",
                "truncate audit_log")) {
            var e = assertThrows(UnableToExecuteStatementException.class, () -> jdbi.useHandle(h -> h.execute(sql)));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        }
        assertEquals(before, server.count("select count(*) from audit_log"));
        assertEquals(0, server.count("select count(*) from audit_log where actor = 'someone else'"));
    }

    @Test
    void a_dashboard_csv_export_is_recorded_with_who_took_it() {
        String session = api.session(server.adminToken());
        api.withSession(session).get("/dashboard/team?format=csv&table=reps").then().statusCode(200);
        admin().get("/api/v1/admin/audit?action=export.downloaded").then().statusCode(200)
                .body("entries", hasSize(1))
                .body("entries[0].actor.label", equalTo("admin@acme.com"))
                .body("entries[0].details.table", equalTo("reps"));
    }

    @Test
    void only_admins_read_it() {
        String rep = api.userWithToken("nosy@acme.com", "Nosy Rep", "rep");
        api.as(rep).get("/api/v1/admin/audit").then().statusCode(403);
    }

    @Test
    void the_command_line_prints_it_with_filters() {
        admin().body(Map.of("email", "cli-audit@acme.com", "name", "Cli Audit", "role", "rep"))
                .post("/api/v1/admin/users").then().statusCode(201);
        Cli.Run run = Cli.quietlog(server, "audit", "--since", "1h", "--action", "user.created", "--actor", "admin@acme.com");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("user.created") && run.out().contains("cli-audit@acme.com"), run.out());
        assertTrue(run.out().lines().allMatch(l -> l.contains("user.created")), run.out());
    }
}
