package dev.quietlog.cli;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.support.Cli;
import dev.quietlog.support.ServerTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `scripts/quietlog teams …` and the customer-time settings of `policy set`. */
class TeamsCommandLineTest extends ServerTest {

    private static Cli.Run quietlog(String... args) {
        return Cli.quietlog(server, args);
    }

    @Test
    void teams_are_created_and_staffed_from_the_command_line() {
        api.userWithToken("meg@acme.com", "Meg Manager", "manager");
        api.userWithToken("ann@acme.com", "Ann Rep", "rep");
        Cli.Run added = quietlog("teams", "add", "--name", "Inside Sales");
        assertEquals(0, added.exitCode(), added.err());
        assertTrue(added.out().startsWith("Created team Inside Sales ("), added.out());
        assertEquals(0, quietlog("teams", "add-member", "--team", "Inside Sales", "--as", "manager", "--email", "meg@acme.com").exitCode());
        Cli.Run rep = quietlog("teams", "add-member", "--team", "inside sales", "--as", "rep", "--email", "ann@acme.com");
        assertEquals(0, rep.exitCode(), rep.err());
        assertTrue(rep.out().contains("reps:     ann@acme.com"), rep.out());
        api.as(server.adminToken()).get("/api/v1/admin/teams").then()
                .body("teams[0].managers.email", contains("meg@acme.com"))
                .body("teams[0].reps.email", contains("ann@acme.com"));

        Cli.Run removed = quietlog("teams", "remove-member", "--team", "Inside Sales", "--as", "rep", "--email", "ann@acme.com");
        assertEquals(0, removed.exitCode(), removed.err());
        Cli.Run wrong = quietlog("teams", "remove-member", "--team", "Inside Sales", "--as", "rep", "--email", "ann@acme.com");
        assertEquals(1, wrong.exitCode());
        assertEquals("Server refused (404): email: ann@acme.com is not one of this team's reps", wrong.err().trim());
    }

    @Test
    void a_team_pushed_over_scim_takes_managers_from_the_command_line_and_reps_only_from_the_identity_provider() {
        api.userWithToken("max@acme.com", "Max Manager", "manager");
        api.userWithToken("bea@acme.com", "Bea Rep", "rep");
        dev.quietlog.support.Scim idp = new dev.quietlog.support.Scim(server);
        String bea = idp.request().queryParam("filter", "userName eq \"bea@acme.com\"").get("/scim/v2/Users").then()
                .extract().path("Resources[0].id");
        idp.request().body(java.util.Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
                "displayName", "Pushed", "members", List.of(java.util.Map.of("value", bea))))
                .post("/scim/v2/Groups").then().statusCode(201);

        Cli.Run manager = quietlog("teams", "add-member", "--team", "Pushed", "--as", "manager", "--email", "max@acme.com");
        assertEquals(0, manager.exitCode(), manager.err());
        assertTrue(manager.out().contains("reps:     bea@acme.com  (from the identity provider over SCIM)"), manager.out());
        Cli.Run rep = quietlog("teams", "add-member", "--team", "Pushed", "--as", "rep", "--email", "max@acme.com");
        assertEquals(1, rep.exitCode());
        assertTrue(rep.err().startsWith("Server refused (409): team: its reps come from your identity provider"), rep.err());
        assertEquals(1, quietlog("teams", "remove-member", "--team", "Pushed", "--as", "rep", "--email", "bea@acme.com").exitCode());
        assertTrue(quietlog("teams", "list").out().contains("reps:     bea@acme.com  (from the identity provider over SCIM)"));
    }

    @Test
    void policy_set_changes_the_customer_time_settings() {
        api.as(server.adminToken()).get("/api/v1/admin/policy").then().statusCode(200)
                .body("minutesPerEmail", equalTo(3)).body("workingHoursPerWeek", equalTo(40.0f));
        Cli.Run set = quietlog("policy", "set", "--minutes-per-email", "5", "--working-hours-per-week", "37.5");
        assertEquals(0, set.exitCode(), set.err());
        api.as(server.adminToken()).get("/api/v1/admin/policy").then()
                .body("minutesPerEmail", equalTo(5)).body("workingHoursPerWeek", equalTo(37.5f))
                .body("captureLevel", equalTo("subject_snippet"));
        api.as(server.adminToken()).body("{\"minutesPerEmail\": -1, \"captureLevel\": \"subject\"}")
                .patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", equalTo("minutesPerEmail: must be a whole number of minutes from 0 to 120"));
        api.as(server.adminToken()).get("/api/v1/admin/policy").then().body("captureLevel", equalTo("subject_snippet"));
    }
}
