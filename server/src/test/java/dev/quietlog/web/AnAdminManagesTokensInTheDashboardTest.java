package dev.quietlog.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.support.DashboardSession;
import dev.quietlog.support.ServerTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An admin manages tokens from the dashboard as from the API: the list never shows a token, a
 * revoked token is refused on the API at once, revoking all of a user's asks first, a list of
 * addresses with a bad line still issues the good ones (each shown once, with a CSV of
 * address,token), SCIM tokens are listed and revoked the same way, and every action is in the
 * audit log under the signed-in admin.
 */
class AnAdminManagesTokensInTheDashboardTest extends ServerTest {

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "the page's forms carry a CSRF token");
        return m.group(1);
    }

    static String tokenId(String token) {
        return server.services().tokens().verifyAccessToken(token).orElseThrow().accessTokenId().toString();
    }

    static DashboardSession admin() {
        return DashboardSession.login(server, server.adminToken());
    }

    @Test
    void the_list_shows_who_when_and_by_whom_but_never_the_token() {
        String token = api.userWithToken("lena@acme.com", "Lena List", "rep");
        api.as(token).get("/api/v1/me").then().statusCode(200);
        String html = admin().request().get("/dashboard/admin/tokens?email=LENA@acme.com").then().statusCode(200)
                .extract().asString();
        assertTrue(html.contains("data-id=\"" + tokenId(token) + "\""), "lists the token by id");
        assertTrue(html.contains("lena@acme.com") && html.contains("Lena List") && html.contains("admin@acme.com"), html);
        assertFalse(html.contains(token) || html.contains(token.substring(0, 40)), "never the token itself");
        assertFalse(html.contains("data-user=\"admin@acme.com\""), "filtered to the one user");
        assertTrue(!html.contains("<script>") && !html.contains("style=\""), "no inline script or style");
        admin().request().get("/dashboard/admin/tokens?email=not-an-address").then().statusCode(400)
                .body(containsString("email: not a valid email address"));
        admin().request().get("/dashboard/admin/tokens?status=sometimes").then().statusCode(400)
                .body(containsString("status: must be one of"));
    }

    @Test
    void a_revoked_token_is_refused_on_the_api_at_once_and_the_revocation_is_audited() {
        String token = api.userWithToken("rex@acme.com", "Rex Revoked", "rep");
        api.as(token).get("/api/v1/me").then().statusCode(200);
        DashboardSession admin = admin();
        String list = admin.request().get("/dashboard/admin/tokens?email=rex@acme.com").then().statusCode(200).extract().asString();
        String id = tokenId(token);
        Response revoked = admin.request().contentType("application/x-www-form-urlencoded").formParam("csrf", csrf(list))
                .formParam("back", "/dashboard/admin/tokens?email=rex%40acme.com&status=active")
                .post("/dashboard/admin/tokens/" + id + "/revoke");
        revoked.then().statusCode(303);
        String location = revoked.header("Location");
        assertTrue(location.startsWith("/dashboard/admin/tokens?email=rex%40acme.com"), location);

        api.as(token).get("/api/v1/me").then().statusCode(401).body("error.code", equalTo("access_withdrawn"));

        admin.request().urlEncodingEnabled(false).get(location).then().statusCode(200)
                .body(containsString("Revoked the token " + id + " of rex@acme.com"));
        api.as(server.adminToken()).get("/api/v1/admin/audit?action=token.revoked&target=rex@acme.com").then()
                .body("entries[0].actor.label", equalTo("admin@acme.com"))
                .body("entries[0].actor.kind", equalTo("admin"))
                .body("entries[0].details.tokenId", equalTo(id))
                .body("entries[0].details.via", equalTo("dashboard"));
        // A back link elsewhere is not followed.
        String again = admin.request().get("/dashboard/admin/tokens").then().extract().asString();
        admin.request().contentType("application/x-www-form-urlencoded").formParam("csrf", csrf(again))
                .formParam("back", "https://evil.example/").post("/dashboard/admin/tokens/" + id + "/revoke")
                .then().statusCode(303).header("Location", containsString("/dashboard/admin/tokens?"));
        admin.request().contentType("application/x-www-form-urlencoded").formParam("csrf", csrf(again))
                .post("/dashboard/admin/tokens/not-a-token/revoke").then().statusCode(400).body(containsString("id: not a token id"));
    }

    @Test
    void revoking_all_of_a_user_asks_first_then_refuses_every_one_of_their_tokens() {
        String first = api.userWithToken("ria@acme.com", "Ria All", "manager");
        String second = api.as(server.adminToken()).body(Map.of("email", "ria@acme.com")).post("/api/v1/admin/tokens")
                .then().statusCode(201).extract().path("token");
        DashboardSession ria = DashboardSession.login(server, first);
        DashboardSession admin = admin();
        String confirm = admin.request().get("/dashboard/admin/tokens/revoke-all?email=Ria@acme.com").then().statusCode(200)
                .extract().asString();
        assertTrue(confirm.contains("2 of them are live now") && confirm.contains(tokenId(first)) && confirm.contains(tokenId(second)),
                confirm);
        api.as(first).get("/api/v1/me").then().statusCode(200); // nothing happened yet
        Response done = admin.request().contentType("application/x-www-form-urlencoded").formParam("csrf", csrf(confirm))
                .formParam("email", "ria@acme.com").post("/dashboard/admin/tokens/revoke-all");
        done.then().statusCode(303);
        api.as(first).get("/api/v1/me").then().statusCode(401);
        api.as(second).get("/api/v1/me").then().statusCode(401);
        ria.request().get("/dashboard/team").then().statusCode(303).header("Location", "/login");
        admin.request().urlEncodingEnabled(false).get(done.header("Location")).then().statusCode(200)
                .body(containsString("Every token of ria@acme.com is revoked"));
        api.as(server.adminToken()).get("/api/v1/admin/audit?action=token.revoked-all&target=ria@acme.com").then()
                .body("entries[0].details.revoked", equalTo(2)).body("entries[0].actor.label", equalTo("admin@acme.com"));
        admin.request().get("/dashboard/admin/tokens/revoke-all?email=nobody@acme.com").then().statusCode(200)
                .body(containsString("0 of them are live now"));
        String page = admin.request().get("/dashboard/admin/tokens").then().extract().asString();
        admin.request().contentType("application/x-www-form-urlencoded").formParam("csrf", csrf(page))
                .formParam("email", "nobody@acme.com").post("/dashboard/admin/tokens/revoke-all").then().statusCode(404)
                .body(containsString("no user with email nobody@acme.com"));
    }

    @Test
    void a_pasted_list_with_a_bad_line_issues_the_good_lines_and_names_the_bad_one() {
        for (String who : new String[] {"bea@acme.com", "bo@acme.com"}) {
            api.as(server.adminToken()).body(Map.of("email", who, "name", who, "role", "rep")).post("/api/v1/admin/users")
                    .then().statusCode(201);
        }
        DashboardSession admin = admin();
        String form = admin.request().get("/dashboard/admin/tokens/issue").then().statusCode(200).extract().asString();
        String html = admin.request().multiPart("csrf", csrf(form))
                .multiPart("addresses", "email\nbea@acme.com\nnot an address\nstranger@acme.com\nbo@acme.com\n")
                .post("/dashboard/admin/tokens/issue").then().statusCode(200).extract().asString();
        assertTrue(html.contains("Issued 2 tokens"), html);
        assertTrue(html.contains("not a valid email address") && html.contains(">3<"), "line 3 named with its reason");
        assertTrue(html.contains("stranger@acme.com") && html.contains(">4<"), "an unknown user is named on its line");

        Matcher tokens = Pattern.compile("<code>(ey[^<]+)</code>").matcher(html);
        int n = 0;
        while (tokens.find()) {
            api.as(tokens.group(1)).get("/api/v1/me").then().statusCode(200);
            n++;
        }
        assertEquals(2, n, "both good lines got a working token");

        Matcher link = Pattern.compile("href=\"data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)\" download=\"([^\"]+)\"").matcher(html);
        assertTrue(link.find(), "a CSV download link");
        String csv = new String(Base64.getDecoder().decode(link.group(1)), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\"address\",\"token\"\r\n\"bea@acme.com\",\"ey"), csv);
        assertTrue(csv.contains("\"bo@acme.com\",\"ey") && !csv.contains("stranger"), csv);
        api.as(server.adminToken()).get("/api/v1/admin/audit?action=token.issued&target=bea@acme.com").then()
                .body("entries[0].details.via", equalTo("dashboard")).body("entries[0].actor.label", equalTo("admin@acme.com"));
    }

    @Test
    void an_uploaded_csv_file_is_issued_line_by_line_and_an_unusable_one_is_refused_by_name() {
        api.as(server.adminToken()).body(Map.of("email", "uma@acme.com", "name", "Uma Upload", "role", "rep"))
                .post("/api/v1/admin/users").then().statusCode(201);
        DashboardSession admin = admin();
        String token = csrf(admin.request().get("/dashboard/admin/tokens/issue").then().extract().asString());
        String html = admin.request().multiPart("csrf", token)
                .multiPart("file", "reps.csv", "\uFEFFemail,name\r\n\"uma@acme.com\",Uma\r\numa@acme.com,again\r\n"
                        .getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/dashboard/admin/tokens/issue").then().statusCode(200).extract().asString();
        assertTrue(html.contains("Issued 1 token.") && html.contains("repeats line 2"), html);

        admin.request().multiPart("csrf", token).multiPart("addresses", "uma@acme.com")
                .multiPart("file", "reps.csv", "uma@acme.com\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/dashboard/admin/tokens/issue").then().statusCode(400)
                .body(containsString("addresses, file: paste the addresses or choose a file, not both"))
                .body(containsString("uma@acme.com</textarea>"));
        admin.request().multiPart("csrf", token)
                .multiPart("file", "reps.csv", new byte[] {(byte) 0xC3, (byte) 0x28}, "text/csv")
                .post("/dashboard/admin/tokens/issue").then().statusCode(400).body(containsString("file: not UTF-8 text"));
        admin.request().multiPart("csrf", token).multiPart("addresses", "uma@acme.com").multiPart("ttlDays", "9999")
                .post("/dashboard/admin/tokens/issue").then().statusCode(400).body(containsString("ttlDays:"));
        byte[] large = "someone@acme.com\n".repeat(70_000).getBytes(StandardCharsets.UTF_8);
        admin.request().multiPart("csrf", token).multiPart("file", "reps.csv", large, "text/csv")
                .post("/dashboard/admin/tokens/issue").then().statusCode(413).body(containsString("file: at most 1000 kB"));
        admin.request().multiPart("csrf", token).multiPart("addresses", " ")
                .post("/dashboard/admin/tokens/issue").then().statusCode(400).body(containsString("body: a CSV"));
    }

    @Test
    void scim_tokens_are_listed_and_revoked_the_same_way() {
        String scim = api.as(server.adminToken()).body("{}").post("/api/v1/admin/scim-tokens").then().statusCode(201)
                .extract().path("token");
        String id = api.as(server.adminToken()).body("{}").post("/api/v1/admin/scim-tokens").then().extract().path("id");
        String scimId = server.services().tokens().verifyScimToken(scim).orElseThrow().accessTokenId().toString();
        DashboardSession admin = admin();
        String html = admin.request().get("/dashboard/admin/tokens?kind=scim").then().statusCode(200).extract().asString();
        assertTrue(html.contains("data-id=\"" + scimId + "\"") && html.contains("data-id=\"" + id + "\""), html);
        assertTrue(html.contains("SCIM (identity provider)") && !html.contains(scim), html);
        assertFalse(html.contains("data-user="), "only SCIM tokens");
        given(scim).get("/scim/v2/Users").then().statusCode(200);
        admin.request().contentType("application/x-www-form-urlencoded").formParam("csrf", csrf(html))
                .post("/dashboard/admin/tokens/" + scimId + "/revoke").then().statusCode(303);
        given(scim).get("/scim/v2/Users").then().statusCode(401);
        api.as(server.adminToken()).get("/api/v1/admin/audit?action=token.revoked&target=scim token").then()
                .body("entries.details.tokenId", hasItem(scimId));
        admin.request().get("/dashboard/admin/tokens?kind=scim&status=revoked").then()
                .body(containsString("data-id=\"" + scimId + "\"")).body(not(containsString("data-id=\"" + id + "\"")));
    }

    private static io.restassured.specification.RequestSpecification given(String bearer) {
        return io.restassured.RestAssured.given().baseUri(server.baseUrl()).header("Authorization", "Bearer " + bearer)
                .accept("application/scim+json");
    }
}
