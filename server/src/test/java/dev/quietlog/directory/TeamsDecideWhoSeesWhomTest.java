package dev.quietlog.directory;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** An admin sees the org, a manager the reps of their teams (and themselves), a rep only themselves. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TeamsDecideWhoSeesWhomTest extends ServerTest {
    static String admin;
    static String eastManager;
    static String westManager;
    static String ann;
    static String bo;

    @BeforeAll
    static void twoTeams() {
        admin = server.adminToken();
        eastManager = api.userWithToken("east.boss@acme.com", "Erin East", "manager");
        westManager = api.userWithToken("west.boss@acme.com", "Will West", "manager");
        ann = api.userWithToken("ann@acme.com", "Ann East", "rep");
        bo = api.userWithToken("bo@acme.com", "Bo West", "rep");
        api.as(admin).body(Map.of("name", "East")).post("/api/v1/admin/teams").then().statusCode(201);
        api.as(admin).body(Map.of("name", "West")).post("/api/v1/admin/teams").then().statusCode(201);
        api.as(admin).body(Map.of("email", "east.boss@acme.com")).post("/api/v1/admin/teams/East/managers").then().statusCode(200);
        api.as(admin).body(Map.of("email", "ann@acme.com")).post("/api/v1/admin/teams/east/reps").then().statusCode(200);
        api.as(admin).body(Map.of("email", "west.boss@acme.com")).post("/api/v1/admin/teams/West/managers").then().statusCode(200);
        api.as(admin).body(Map.of("email", "bo@acme.com")).post("/api/v1/admin/teams/West/reps").then().statusCode(200);

        api.as(ann).body(batch(List.of(with(outboundEmail("east-1@acme.com", "ivy@initech.com", "East deal"),
                "from", person("ann@acme.com", "Ann East"))))).post("/api/v1/captures").then().statusCode(200);
        api.as(bo).body(batch(List.of(with(outboundEmail("west-1@acme.com", "gus@globex.com", "West deal"),
                "from", person("bo@acme.com", "Bo West"))))).post("/api/v1/captures").then().statusCode(200);
    }

    @Test
    @Order(1)
    void the_admin_api_lists_each_team_with_its_managers_and_reps() {
        api.as(admin).get("/api/v1/admin/teams").then().statusCode(200)
                .body("teams.name", contains("East", "West"))
                .body("teams[0].managers.email", contains("east.boss@acme.com"))
                .body("teams[0].reps.email", contains("ann@acme.com"))
                .body("teams[1].reps.email", contains("bo@acme.com"));
    }

    @Test
    @Order(2)
    void a_manager_sees_only_their_teams_interactions_and_the_admin_sees_all() {
        api.as(eastManager).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.subject", contains("East deal"));
        api.as(westManager).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.subject", contains("West deal"));
        api.as(admin).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.subject", containsInAnyOrder("East deal", "West deal"));
        api.as(ann).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.subject", contains("East deal"));
    }

    @Test
    @Order(3)
    void a_manager_cannot_read_another_teams_contact() {
        api.as(eastManager).get("/api/v1/contacts/{email}/summary", "gus@globex.com").then().statusCode(404);
        api.as(eastManager).get("/api/v1/contacts/{email}/summary", "ivy@initech.com").then().statusCode(200)
                .body("counts.total", equalTo(1));
        api.as(admin).get("/api/v1/contacts/{email}/summary", "gus@globex.com").then().statusCode(200);
    }

    @Test
    @Order(4)
    void bad_team_requests_name_the_field() {
        api.as(admin).body(Map.of("name", "east")).post("/api/v1/admin/teams").then().statusCode(409)
                .body("error.message", equalTo("name: a team named east already exists"));
        api.as(admin).body(Map.of("name", " ")).post("/api/v1/admin/teams").then().statusCode(400);
        api.as(admin).body(Map.of("email", "ann@acme.com")).post("/api/v1/admin/teams/East/managers").then().statusCode(400)
                .body("error.message", equalTo("email: ann@acme.com has the rep role; a team's manager must be a manager or admin"));
        api.as(admin).body(Map.of("email", "ann@acme.com")).post("/api/v1/admin/teams/North/reps").then().statusCode(404)
                .body("error.message", equalTo("team: no team North"));
        api.as(admin).body(Map.of("email", "nobody@acme.com")).post("/api/v1/admin/teams/East/reps").then().statusCode(404);
        api.as(eastManager).body(Map.of("name", "Mine")).post("/api/v1/admin/teams").then().statusCode(403);
    }

    @Test
    @Order(5)
    void a_rep_removed_from_the_team_leaves_the_managers_view() {
        api.as(admin).delete("/api/v1/admin/teams/East/reps/ann@acme.com").then().statusCode(200)
                .body("reps", empty());
        api.as(eastManager).get("/api/v1/interactions").then().statusCode(200).body("interactions", empty());
        api.as(admin).delete("/api/v1/admin/teams/East/reps/ann@acme.com").then().statusCode(404);
        api.as(admin).body(Map.of("email", "ann@acme.com")).post("/api/v1/admin/teams/East/reps").then().statusCode(200);
    }
}
