package dev.quietlog.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.support.ServerTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An admin lists tokens (never the secret), revokes one or all of a user's, and issues many from a CSV. */
class AdminManagesTokensTest extends ServerTest {

    private static String admin() {
        return server.adminToken();
    }

    private static String idOf(String token) {
        return server.services().tokens().verifyAccessToken(token).orElseThrow().accessTokenId().toString();
    }

    @Test
    void the_list_shows_who_when_and_by_whom_but_never_the_token() {
        String rep = api.userWithToken("list@acme.com", "Lisa Rep", "rep");
        String id = idOf(rep);
        String listing = api.as(admin()).get("/api/v1/admin/tokens?email=list@acme.com").then().statusCode(200)
                .body("total", equalTo(1))
                .body("tokens[0].id", equalTo(id))
                .body("tokens[0].kind", equalTo("access"))
                .body("tokens[0].userEmail", equalTo("list@acme.com"))
                .body("tokens[0].issuedBy", equalTo("admin@acme.com"))
                .body("tokens[0].createdAt", notNullValue())
                .body("tokens[0].expiresAt", notNullValue())
                .body("tokens[0].lastUsedAt", nullValue())
                .body("tokens[0].status", equalTo("active"))
                .extract().asString();
        assertFalse(listing.contains(rep), "the listing must not carry the token");
        assertFalse(listing.contains(rep.split("\\.")[2]), "nor its signature");

        api.as(rep).get("/api/v1/me").then().statusCode(200);
        api.as(admin()).get("/api/v1/admin/tokens?email=list@acme.com").then()
                .body("tokens[0].lastUsedAt", notNullValue());
    }

    @Test
    void last_use_is_written_at_most_once_a_minute_per_token() {
        String rep = api.userWithToken("busy@acme.com", "Busy Rep", "rep");
        api.as(rep).get("/api/v1/me").then().statusCode(200);
        Instant first = lastUsed(rep);
        for (int i = 0; i < 5; i++) {
            api.as(rep).get("/api/v1/me").then().statusCode(200);
        }
        assertEquals(first, lastUsed(rep));
    }

    private static Instant lastUsed(String token) {
        return server.database().jdbi().withHandle(h -> h.createQuery(
                        "select last_used_at from access_tokens where jti = cast(? as uuid)")
                .bind(0, idOf(token)).mapTo(Instant.class).one());
    }

    @Test
    void revoking_one_token_refuses_it_on_the_next_request_and_leaves_the_users_others() {
        String first = api.userWithToken("two@acme.com", "Two Tokens", "rep");
        String second = api.as(admin()).body(Map.of("email", "two@acme.com")).post("/api/v1/admin/tokens")
                .then().statusCode(201).extract().path("token");
        api.as(admin()).delete("/api/v1/admin/tokens/" + idOf(first)).then().statusCode(200)
                .body("status", equalTo("revoked")).body("revokedAt", notNullValue());
        api.as(first).get("/api/v1/me").then().statusCode(401);
        api.as(second).get("/api/v1/me").then().statusCode(200);
        api.as(admin()).get("/api/v1/admin/tokens?email=two@acme.com&status=revoked").then()
                .body("tokens.id", equalTo(List.of(idOf(first))));
        api.as(admin()).delete("/api/v1/admin/tokens/not-an-id").then().statusCode(400)
                .body("error.message", containsString("id"));
        api.as(admin()).delete("/api/v1/admin/tokens/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void revoking_all_of_a_users_tokens_refuses_every_one_of_them() {
        String a = api.userWithToken("leaver@acme.com", "Leaver", "rep");
        String b = api.as(admin()).body(Map.of("email", "leaver@acme.com")).post("/api/v1/admin/tokens")
                .then().statusCode(201).extract().path("token");
        api.as(admin()).delete("/api/v1/admin/users/leaver@acme.com/tokens").then().statusCode(200)
                .body("revoked", equalTo(2));
        api.as(a).get("/api/v1/me").then().statusCode(401);
        api.as(b).get("/api/v1/me").then().statusCode(401);
        api.as(admin()).delete("/api/v1/admin/users/nobody@acme.com/tokens").then().statusCode(404);
    }

    @Test
    void a_csv_of_addresses_gets_one_token_each_and_an_error_per_bad_line() {
        for (String e : List.of("csv1@acme.com", "csv2@acme.com", "csvgone@acme.com")) {
            api.as(admin()).body(Map.of("email", e, "name", "Csv Rep", "role", "rep")).post("/api/v1/admin/users")
                    .then().statusCode(201);
        }
        server.database().jdbi().useHandle(h -> h.execute("update users set active = false where email = 'csvgone@acme.com'"));
        String csv = "email,name\r\ncsv1@acme.com,One\n\n# a comment\nCSV2@acme.com\nnot-an-address\n"
                + "nobody@acme.com\ncsvgone@acme.com\ncsv1@acme.com\n";
        JsonPath answer = api.as(admin()).contentType("text/csv").body(csv).post("/api/v1/admin/tokens/bulk?ttlDays=7")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body("issued", equalTo(2)).body("failed", equalTo(4))
                .extract().jsonPath();
        assertEquals(List.of(2, 5, 6, 7, 8, 9), answer.getList("results.line"));
        assertEquals(List.of("csv1@acme.com", "csv2@acme.com"), answer.getList("results.findAll { it.token != null }.email"));
        assertEquals("not a valid email address", answer.getString("results[2].error"));
        assertTrue(answer.getString("results[3].error").contains("no user"), answer.getString("results[3].error"));
        assertTrue(answer.getString("results[4].error").contains("deactivated"), answer.getString("results[4].error"));
        assertEquals("repeats line 2", answer.getString("results[5].error"));
        for (String token : answer.<String>getList("results.findAll { it.token != null }.token")) {
            api.as(token).get("/api/v1/me").then().statusCode(200);
        }
        Instant expires = Instant.parse(answer.getString("results[0].expiresAt"));
        assertTrue(expires.isBefore(Instant.now().plus(Duration.ofDays(7)).plusSeconds(60)), expires.toString());

        api.as(admin()).contentType("application/json").body("{}").post("/api/v1/admin/tokens/bulk").then().statusCode(415);
        api.as(admin()).contentType("text/csv").body("a@acme.com").post("/api/v1/admin/tokens/bulk?ttlDays=x")
                .then().statusCode(400).body("error.message", containsString("ttlDays"));
    }

    @Test
    void the_org_policy_sets_the_default_and_maximum_token_lifetime() {
        api.as(admin()).body(Map.of("tokenLifetime", Map.of("defaultDays", 7, "maxDays", 30)))
                .patch("/api/v1/admin/policy").then().statusCode(200)
                .body("tokenLifetime.defaultDays", equalTo(7)).body("tokenLifetime.maxDays", equalTo(30));
        try {
            api.as(admin()).body(Map.of("email", "life@acme.com", "name", "Life", "role", "rep"))
                    .post("/api/v1/admin/users").then().statusCode(201);
            String expiresAt = api.as(admin()).body(Map.of("email", "life@acme.com")).post("/api/v1/admin/tokens")
                    .then().statusCode(201).extract().path("expiresAt");
            Duration left = Duration.between(Instant.now(), Instant.parse(expiresAt));
            assertTrue(left.compareTo(Duration.ofDays(6)) > 0 && left.compareTo(Duration.ofDays(7)) <= 0, left.toString());
            api.as(admin()).body(Map.of("email", "life@acme.com", "ttlDays", 31)).post("/api/v1/admin/tokens")
                    .then().statusCode(400).body("error.message", containsString("ttlDays: must be between 1 and 30"));
            api.as(admin()).body(Map.of("tokenLifetime", Map.of("defaultDays", 40)))
                    .patch("/api/v1/admin/policy").then().statusCode(400)
                    .body("error.message", containsString("tokenLifetime.defaultDays"));
            api.as(admin()).body(Map.of("tokenLifetime", Map.of("maxDays", "long")))
                    .patch("/api/v1/admin/policy").then().statusCode(400)
                    .body("error.message", containsString("tokenLifetime.maxDays"));
        } finally {
            api.as(admin()).body("{\"tokenLifetime\": {\"defaultDays\": null, \"maxDays\": null}}")
                    .patch("/api/v1/admin/policy").then().statusCode(200)
                    .body("tokenLifetime.maxDays", nullValue());
        }
    }

    @Test
    void another_orgs_admin_can_neither_see_nor_revoke_this_orgs_tokens() {
        String rep = api.userWithToken("mine@acme.com", "Mine", "rep");
        String otherAdmin = server.database().jdbi().inTransaction(h -> server.services().directory()
                .createOrgWithAdmin(h, "Initrode", List.of("initrode.com"), "admin@initrode.com", Duration.ofDays(1))
                .token());
        api.as(otherAdmin).get("/api/v1/admin/tokens?status=all").then().statusCode(200)
                .body("tokens.userEmail", everyItem(equalTo("admin@initrode.com")));
        api.as(otherAdmin).delete("/api/v1/admin/tokens/" + idOf(rep)).then().statusCode(404);
        api.as(otherAdmin).delete("/api/v1/admin/users/mine@acme.com/tokens").then().statusCode(404);
        api.as(rep).get("/api/v1/me").then().statusCode(200);
        api.as(rep).get("/api/v1/admin/tokens").then().statusCode(403);
    }

    @Test
    void the_list_pages_and_filters() {
        api.as(admin()).get("/api/v1/admin/tokens?limit=1&offset=0&status=all").then().statusCode(200)
                .body("tokens", hasSize(1)).body("limit", equalTo(1));
        api.as(admin()).get("/api/v1/admin/tokens?status=all").then()
                .body("tokens.userEmail", hasItem("admin@acme.com"));
        api.as(admin()).get("/api/v1/admin/tokens?status=sometimes").then().statusCode(400)
                .body("error.message", containsString("status"));
        api.as(admin()).get("/api/v1/admin/tokens?limit=100000").then().statusCode(400)
                .body("error.message", containsString("limit"));
    }
}
