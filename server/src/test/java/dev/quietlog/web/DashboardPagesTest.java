package dev.quietlog.web;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.meeting;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.seenBy;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.support.DashboardSession;
import dev.quietlog.support.ServerTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's pages as a manager and an admin use them: each page renders, hostile email
 * content is shown as text, a manager cannot open another team's rep or account (page, CSV and
 * API), CSV cells cannot run as formulas, and the settings form needs its CSRF token.
 */
class DashboardPagesTest extends ServerTest {
    static final String HOSTILE_SUBJECT = "<img src=x onerror=alert(1)>";
    static final String FORMULA_SUBJECT = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static String eastManager;
    static String ann;
    static String bo;
    static String bobId;

    static String daysAgo(long days) {
        return Instant.now().minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString();
    }

    @BeforeAll
    static void twoTeamsWithMail() {
        String admin = server.adminToken();
        eastManager = api.userWithToken("east.boss@acme.com", "Erin East", "manager");
        api.userWithToken("west.boss@acme.com", "Will West", "manager");
        ann = api.userWithToken("ann@acme.com", "<b>Ann</b> East", "rep");
        bo = api.userWithToken("bo@acme.com", "Bo West", "rep");
        for (String[] m : new String[][] {{"East", "east.boss@acme.com", "managers"}, {"East", "ann@acme.com", "reps"},
                {"West", "west.boss@acme.com", "managers"}, {"West", "bo@acme.com", "reps"}}) {
            if (m[2].equals("managers")) {
                api.as(admin).body(Map.of("name", m[0])).post("/api/v1/admin/teams");
            }
            api.as(admin).body(Map.of("email", m[1])).post("/api/v1/admin/teams/" + m[0] + "/" + m[2]).then().statusCode(200);
        }
        api.as(ann).body(batch(ann(
                with(with(outboundEmail("e1@acme.com", "ivy@initech.com", HOSTILE_SUBJECT), "from", person("ann@acme.com", "Ann")),
                        "to", List.of(person("ivy@initech.com", "<script>alert('ivy')</script>"))),
                with(with(outboundEmail("e2@acme.com", "ivy@initech.com", FORMULA_SUBJECT), "from", person("ann@acme.com", "Ann")),
                        "occurredAt", daysAgo(2)),
                with(with(meeting("m1@initech", "ivy@initech.com", daysAgo(3), Instant.parse(daysAgo(3)).plusSeconds(3600).toString()),
                        "organizer", person("ann@acme.com", "Ann")), "title", "Kick-off"),
                with(with(outboundEmail("old1@acme.com", "olga@oldco.com", "Old 1"), "from", person("ann@acme.com", "Ann")), "occurredAt", daysAgo(60)),
                with(with(outboundEmail("old2@acme.com", "olga@oldco.com", "Old 2"), "from", person("ann@acme.com", "Ann")), "occurredAt", daysAgo(61)),
                with(with(outboundEmail("old3@acme.com", "olga@oldco.com", "Old 3"), "from", person("ann@acme.com", "Ann")), "occurredAt", daysAgo(62)))))
                .post("/api/v1/captures").then().statusCode(200);
        // The first email's default time may be outside the range: put it at yesterday.
        api.as(bo).body(batch(List.of(seenBy("bo@acme.com", with(with(outboundEmail("w1@acme.com", "gus@globex.com", "West deal"),
                "from", person("bo@acme.com", "Bo")), "occurredAt", daysAgo(1))))))
                .post("/api/v1/captures").then().statusCode(200);
        bobId = api.as(admin).get("/api/v1/admin/teams/West").then().extract().path("id");
    }

    /** Events as Ann's extension sends them: seen in her mailbox. */
    @SafeVarargs
    static List<Map<String, Object>> ann(Map<String, Object>... events) {
        return java.util.Arrays.stream(events).map(e -> seenBy("ann@acme.com", e)).toList();
    }

    static String userId(String email) {
        return server.database().jdbi().withHandle(h -> h.createQuery("select id::text from users where email = :e")
                .bind("e", email).mapTo(String.class).one());
    }

    @Test
    void the_team_overview_shows_the_managers_reps_with_both_parts_of_customer_time() {
        DashboardSession east = DashboardSession.login(server, eastManager);
        String html = east.request().get("/dashboard/team?range=30").then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("script-src 'self'"), not(containsString("unsafe-inline"))))
                .extract().asString();
        assertTrue(html.contains("&lt;b&gt;Ann&lt;/b&gt; East"), "rep name escaped");
        assertTrue(!html.contains("Bo West"), "another team's rep is not listed");
        assertTrue(html.contains("3 minutes"), "says how email time is estimated");
        assertTrue(html.contains("id=\"trend-chart\""), "has the trend chart");
        assertTrue(html.contains("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"), "chart library from the WebJar");
        east.request().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);
        assertTrue(!html.contains("<script>") && !html.contains("style=\""), "no inline script or style");
    }

    @Test
    void hostile_subjects_and_names_are_text_on_the_rep_and_account_pages() {
        DashboardSession east = DashboardSession.login(server, eastManager);
        String rep = east.request().get("/dashboard/reps/" + userId("ann@acme.com") + "?range=90").then().statusCode(200).extract().asString();
        assertTrue(rep.contains("&lt;img src=x onerror=alert(1)&gt;"), "subject escaped");
        assertTrue(!rep.contains(HOSTILE_SUBJECT));
        String account = east.request().get("/dashboard/accounts/initech.com?range=90").then().statusCode(200).extract().asString();
        assertTrue(account.contains("&lt;script&gt;alert("), "contact name escaped");
        assertTrue(account.contains("Next touch") && account.contains("Last touch"));
        assertTrue(!account.contains("<script>alert"));
    }

    @Test
    void a_manager_cannot_open_another_teams_rep_or_account_by_page_csv_or_api() {
        DashboardSession east = DashboardSession.login(server, eastManager);
        String boId = userId("bo@acme.com");
        east.request().get("/dashboard/reps/" + boId).then().statusCode(404).body(not(containsString("West deal")));
        east.request().get("/dashboard/reps/" + boId + "?format=csv&table=touches").then().statusCode(404);
        east.request().get("/dashboard/accounts/globex.com").then().statusCode(404);
        east.request().get("/dashboard/team?team=" + bobId).then().statusCode(404);
        api.as(eastManager).get("/api/v1/dashboard/reps/" + boId).then().statusCode(404);
        api.as(eastManager).get("/api/v1/dashboard/accounts/globex.com").then().statusCode(404);
        api.as(eastManager).get("/api/v1/dashboard/search?q=globex").then().statusCode(200).body("accounts.size()", equalTo(0));
        // The admin sees both.
        DashboardSession admin = DashboardSession.login(server, server.adminToken());
        admin.request().get("/dashboard/reps/" + boId).then().statusCode(200).body(containsString("West deal"));
        api.as(server.adminToken()).get("/api/v1/dashboard/accounts/globex.com").then().statusCode(200);
    }

    @Test
    void csv_cells_that_would_run_as_formulas_are_neutralised() {
        DashboardSession east = DashboardSession.login(server, eastManager);
        String csv = east.request().get("/dashboard/reps/" + userId("ann@acme.com") + "?range=30&format=csv&table=touches")
                .then().statusCode(200).header("Content-Type", containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""), csv);
        assertTrue(!csv.contains(",\"=HYPERLINK"), csv);
    }

    @Test
    void cold_accounts_lists_an_account_touched_often_before_and_not_since() {
        DashboardSession east = DashboardSession.login(server, eastManager);
        String html = east.request().get("/dashboard/cold?range=90&touches=3&quietDays=30").then().statusCode(200).extract().asString();
        assertTrue(html.contains("oldco.com"), html);
        assertTrue(!html.contains(">initech.com<"), "an account touched recently is not cold");
        east.request().get("/dashboard/cold?range=90&touches=4&quietDays=30").then().body(not(containsString(">oldco.com<")));
        east.request().get("/dashboard/cold?touches=0").then().statusCode(400).body(containsString("touches: must be"));
        // An admin's counts come from the org-wide daily rollup, the manager's from their reps' own days: the same here.
        String all = DashboardSession.login(server, server.adminToken()).request()
                .get("/dashboard/cold?range=90&touches=3&quietDays=30").then().statusCode(200).extract().asString();
        assertTrue(all.contains("oldco.com") && all.contains("&lt;b&gt;Ann&lt;/b&gt; East"), "known best by Ann: " + all);
        assertTrue(!all.contains(">initech.com<"), "an account touched recently is not cold");
    }

    @Test
    void search_finds_contacts_and_accounts_the_viewer_may_see() {
        DashboardSession east = DashboardSession.login(server, eastManager);
        String html = east.request().get("/dashboard/search?q=init").then().statusCode(200).extract().asString();
        assertTrue(html.contains("initech.com") && html.contains("ivy@initech.com"), html);
        east.request().get("/dashboard/search?q=glob").then().statusCode(200).body(not(containsString("globex.com")));
    }

    @Test
    void a_bad_range_is_a_page_naming_the_field_not_a_500() {
        DashboardSession east = DashboardSession.login(server, eastManager);
        east.request().get("/dashboard/team?range=custom&from=2026-13-01&to=2026-11-01").then().statusCode(400)
                .body(containsString("from: not a date"));
        east.request().get("/dashboard/team?range=custom&from=2026-10-01&to=2026-10-31").then().statusCode(200)
                .body(containsString("2026-10-01 to 2026-10-31"));
    }

    @Test
    void the_settings_form_needs_this_sessions_csrf_token() {
        DashboardSession admin = DashboardSession.login(server, server.adminToken());
        String html = admin.request().get("/dashboard/team").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "the page's forms carry a token");
        String token = m.group(1);
        admin.request().contentType("application/x-www-form-urlencoded")
                .formParam("minutesPerEmail", "4").formParam("workingHoursPerWeek", "38")
                .post("/dashboard/settings").then().statusCode(403);
        admin.request().contentType("application/x-www-form-urlencoded").formParam("csrf", "forged")
                .formParam("minutesPerEmail", "4").formParam("workingHoursPerWeek", "38")
                .post("/dashboard/settings").then().statusCode(403);
        admin.request().contentType("application/x-www-form-urlencoded").formParam("csrf", token)
                .formParam("minutesPerEmail", "4").formParam("workingHoursPerWeek", "38")
                .post("/dashboard/settings").then().statusCode(303);
        api.as(server.adminToken()).get("/api/v1/admin/policy").then().body("minutesPerEmail", equalTo(4));
        api.as(server.adminToken()).body(Map.of("minutesPerEmail", 3, "workingHoursPerWeek", 40)).patch("/api/v1/admin/policy");
    }

    @Test
    void without_a_session_every_page_sends_you_to_sign_in() {
        for (String page : List.of("/dashboard/team", "/dashboard/cold", "/dashboard/search", "/dashboard/accounts/initech.com")) {
            io.restassured.RestAssured.given().baseUri(server.baseUrl()).redirects().follow(false).get(page)
                    .then().statusCode(303).header("Location", "/login");
        }
        assertEquals(DashboardSession.cookieName(), dev.quietlog.auth.AccessControl.SESSION_COOKIE);
    }
}
