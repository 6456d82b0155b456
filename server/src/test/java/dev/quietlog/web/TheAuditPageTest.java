package dev.quietlog.web;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.support.DashboardSession;
import dev.quietlog.support.ServerTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit log page: newest first, the API's filters (actor, action, target, days), pages that
 * follow each other without gaps or repeats, hostile values shown as text, and a CSV whose
 * formula-looking cells are neutralised (and whose download is itself audited).
 */
class TheAuditPageTest extends ServerTest {
    static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";
    static final String FORMULA_ADDRESS = "=1+2@acme.com";

    @BeforeAll
    static void aLogWithHostileValues() {
        api.as(server.adminToken()).body(Map.of("email", "hostile@acme.com", "name", HOSTILE_NAME, "role", "rep"))
                .post("/api/v1/admin/users").then().statusCode(201);
        api.as(server.adminToken()).body(Map.of("email", FORMULA_ADDRESS, "name", "Formula", "role", "rep"))
                .post("/api/v1/admin/users").then().statusCode(201);
        for (int i = 0; i < 55; i++) {
            api.as(server.adminToken()).body(Map.of("email", "many" + i + "@acme.com", "name", "Many " + i, "role", "rep"))
                    .post("/api/v1/admin/users").then().statusCode(201);
        }
        api.as(server.adminToken()).body(Map.of("email", "hostile@acme.com")).post("/api/v1/admin/tokens").then().statusCode(201);
    }

    static DashboardSession admin() {
        return DashboardSession.login(server, server.adminToken());
    }

    static List<String> ids(String html) {
        Matcher m = Pattern.compile("<tr data-id=\"(\\d+)\">").matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void hostile_values_are_shown_as_text() {
        String html = admin().request().get("/dashboard/admin/audit?target=hostile@acme.com").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'")).extract().asString();
        assertTrue(html.contains("name: &lt;img src=x onerror=alert(1)&gt;"), html);
        assertFalse(html.contains(HOSTILE_NAME), "never as markup");
        assertTrue(!html.contains("<script>") && !html.contains("style=\""), "no inline script or style");
    }

    @Test
    void entries_are_newest_first_and_pages_follow_each_other_without_gaps_or_repeats() {
        DashboardSession admin = admin();
        String first = admin.request().get("/dashboard/admin/audit").then().statusCode(200).extract().asString();
        List<String> page1 = ids(first);
        assertEquals(50, page1.size());
        assertTrue(first.contains("token.issued"), "the newest entry is on the first page");
        List<Long> asNumbers = page1.stream().map(Long::valueOf).toList();
        assertEquals(asNumbers.stream().sorted(java.util.Comparator.reverseOrder()).toList(), asNumbers, "newest first");
        Matcher older = Pattern.compile("href=\"([^\"]+)\" id=\"older-page\"").matcher(first);
        assertTrue(older.find(), "a link to older entries");
        String second = admin.request().urlEncodingEnabled(false).get(older.group(1).replace("&amp;", "&"))
                .then().statusCode(200).extract().asString();
        List<String> page2 = ids(second);
        Set<String> seen = new HashSet<>(page1);
        assertTrue(page2.stream().noneMatch(seen::contains), "no repeats");
        assertEquals(Long.parseLong(page1.get(49)) - 1, Long.parseLong(page2.get(0)), "no gap");
        long total = server.count("select count(*) from audit_log");
        assertEquals(total, page1.size() + page2.size() + (second.contains("id=\"older-page\"") ? 50 : 0),
                "the pages hold the whole log");
        assertTrue(second.contains("id=\"newest-page\""), "a way back to the newest");
    }

    @Test
    void the_filters_are_the_apis() {
        DashboardSession admin = admin();
        String byAction = admin.request().get("/dashboard/admin/audit?action=token.").then().statusCode(200).extract().asString();
        assertEquals(1, ids(byAction).size(), byAction);
        assertTrue(byAction.contains("hostile@acme.com"));
        String byTarget = admin.request().get("/dashboard/admin/audit?target=MANY7@acme.com").then().extract().asString();
        assertEquals(1, ids(byTarget).size());
        assertTrue(byTarget.contains("Many 7"));
        assertEquals(ids(admin.request().get("/dashboard/admin/audit?actor=admin@acme.com&action=user.created").then()
                .extract().asString()).size(), 50);
        assertEquals(0, ids(admin.request().get("/dashboard/admin/audit?actor=scim").then().extract().asString()).size());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertEquals(1, ids(admin.request().get("/dashboard/admin/audit?action=token.issued&from=" + today + "&to=" + today)
                .then().extract().asString()).size());
        assertEquals(0, ids(admin.request().get("/dashboard/admin/audit?from=2999-01-01").then().extract().asString()).size());
        assertEquals(0, ids(admin.request().get("/dashboard/admin/audit?to=2000-01-01").then().extract().asString()).size());
        admin.request().get("/dashboard/admin/audit?from=yesterday").then().statusCode(400)
                .body(containsString("from: a day like 2026-11-30"));
        admin.request().get("/dashboard/admin/audit?before=abc").then().statusCode(400)
                .body(containsString("before: must be a whole number"));
    }

    @Test
    void the_csv_holds_every_matching_entry_with_formulas_neutralised_and_is_itself_audited() {
        String csv = admin().request().get("/dashboard/admin/audit?action=user.created&format=csv").then().statusCode(200)
                .header("Content-Type", containsString("text/csv")).header("Content-Disposition", containsString("attachment"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("\"At (UTC)\",\"Actor\",\"Actor kind\",\"Action\",\"Target\",\"Details\"", lines[0]);
        assertEquals(1 + 57, lines.length, "every matching entry, not one page");
        assertTrue(csv.contains(",\"'=1+2@acme.com\","), "a formula-looking target is neutralised");
        assertFalse(csv.contains(",\"=1+2"), csv);
        assertTrue(csv.contains("name: " + HOSTILE_NAME), "text stays text in the CSV");
        api.as(server.adminToken()).get("/api/v1/admin/audit?action=export.downloaded").then()
                .body("entries[0].details.page", org.hamcrest.Matchers.equalTo("/dashboard/admin/audit"))
                .body("entries[0].details.rows", org.hamcrest.Matchers.equalTo(57));
        admin().request().get("/dashboard/admin/audit?format=pdf").then().statusCode(400).body(containsString("format: only csv"));
    }
}
