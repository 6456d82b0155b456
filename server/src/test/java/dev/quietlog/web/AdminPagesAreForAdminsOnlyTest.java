package dev.quietlog.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.support.DashboardSession;
import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tokens and audit pages exist for admins only: a manager gets 404 on the pages and 403 on
 * the forms and sees no link to them, a rep cannot have a dashboard session at all, nobody
 * signed in is sent to sign in, and a form posted without this session's CSRF token changes nothing.
 */
class AdminPagesAreForAdminsOnlyTest extends ServerTest {
    static final List<String> PAGES = List.of("/dashboard/admin/tokens", "/dashboard/admin/tokens/issue",
            "/dashboard/admin/tokens/revoke-all?email=rita@acme.com", "/dashboard/admin/audit",
            "/dashboard/admin/audit?format=csv");
    static String manager;
    static String rep;
    static String repTokenId;

    @BeforeAll
    static void people() {
        manager = api.userWithToken("mona@acme.com", "Mona Manager", "manager");
        rep = api.userWithToken("rita@acme.com", "Rita Rep", "rep");
        repTokenId = server.services().tokens().verifyAccessToken(rep).orElseThrow().accessTokenId().toString();
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "the page's forms carry a CSRF token");
        return m.group(1);
    }

    @Test
    void a_manager_gets_not_found_on_every_admin_page_and_no_link_to_them() {
        DashboardSession mona = DashboardSession.login(server, manager);
        for (String page : PAGES) {
            mona.request().get(page).then().statusCode(404).body(not(containsString("rita@acme.com</td>")));
        }
        String team = mona.request().get("/dashboard/team").then().statusCode(200).extract().asString();
        assertFalse(team.contains("/dashboard/admin/"), "no admin link for a manager");
        DashboardSession admin = DashboardSession.login(server, server.adminToken());
        String adminTeam = admin.request().get("/dashboard/team").then().statusCode(200).extract().asString();
        assertTrue(adminTeam.contains("href=\"/dashboard/admin/tokens\"") && adminTeam.contains("href=\"/dashboard/admin/audit\""),
                "an admin's frame links both pages");
    }

    @Test
    void a_manager_cannot_revoke_or_issue_even_with_their_own_csrf_token() {
        DashboardSession mona = DashboardSession.login(server, manager);
        String token = csrf(mona.request().get("/dashboard/team").then().statusCode(200).extract().asString());
        mona.request().contentType("application/x-www-form-urlencoded").formParam("csrf", token)
                .post("/dashboard/admin/tokens/" + repTokenId + "/revoke").then().statusCode(403);
        mona.request().contentType("application/x-www-form-urlencoded").formParam("csrf", token)
                .formParam("email", "rita@acme.com").post("/dashboard/admin/tokens/revoke-all").then().statusCode(403);
        mona.request().contentType("application/x-www-form-urlencoded").formParam("csrf", token)
                .formParam("addresses", "rita@acme.com").post("/dashboard/admin/tokens/issue").then().statusCode(403);
        api.as(rep).get("/api/v1/me").then().statusCode(200);
        assertTrue(server.count("select count(*) from access_tokens t join users u on u.id = t.user_id "
                + "where u.email = 'rita@acme.com'") == 1, "no token issued for the manager");
    }

    @Test
    void a_rep_has_no_dashboard_session_and_nobody_signed_in_is_sent_to_sign_in() {
        api.signIn(rep).then().statusCode(403);
        for (String page : PAGES) {
            io.restassured.RestAssured.given().baseUri(server.baseUrl()).redirects().follow(false).get(page)
                    .then().statusCode(303).header("Location", "/login");
        }
        // Nor does a rep's bearer token open them: they are session pages.
        api.as(rep).redirects().follow(false).get("/dashboard/admin/tokens").then().statusCode(303);
        io.restassured.RestAssured.given().baseUri(server.baseUrl()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("csrf", "x")
                .post("/dashboard/admin/tokens/" + repTokenId + "/revoke").then().statusCode(303).header("Location", "/login");
        api.as(rep).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void a_form_without_this_sessions_csrf_token_is_refused_and_changes_nothing() {
        DashboardSession admin = DashboardSession.login(server, server.adminToken());
        admin.request().contentType("application/x-www-form-urlencoded")
                .post("/dashboard/admin/tokens/" + repTokenId + "/revoke").then().statusCode(403)
                .body(containsString("csrf"));
        // Another session's token is not this one's.
        String other = csrf(DashboardSession.login(server, server.adminToken()).request().get("/dashboard/admin/tokens")
                .then().statusCode(200).extract().asString());
        admin.request().contentType("application/x-www-form-urlencoded").formParam("csrf", other)
                .post("/dashboard/admin/tokens/" + repTokenId + "/revoke").then().statusCode(403);
        admin.request().contentType("application/x-www-form-urlencoded").formParam("csrf", "forged")
                .formParam("email", "rita@acme.com").post("/dashboard/admin/tokens/revoke-all").then().statusCode(403);
        admin.request().multiPart("addresses", "rita@acme.com").post("/dashboard/admin/tokens/issue").then().statusCode(403);
        api.as(rep).get("/api/v1/me").then().statusCode(200);
        assertTrue(server.count("select count(*) from access_tokens t join users u on u.id = t.user_id "
                + "where u.email = 'rita@acme.com'") == 1, "nothing issued");
    }
}
