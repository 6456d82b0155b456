package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.seenBy;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Don't log this thread": what was logged leaves the rep's log, and nothing more of it is logged. */
class ARepTakesAThreadOutOfTheLogTest extends ServerTest {

    private static Map<String, Object> annEmail(String id, String thread, String to, String subject) {
        return seenBy("ann@acme.com", with(with(with(outboundEmail(id + "@mail.acme.com", to, subject),
                "from", person("ann@acme.com", "Ann")), "threadId", thread), "cc", List.of(person("bo@acme.com", "Bo"))));
    }

    @Test
    void excluding_a_thread_removes_the_reps_links_deletes_orphans_and_skips_later_events() {
        String ann = api.userWithToken("ann@acme.com", "Ann", "rep");
        String bo = api.userWithToken("bo@acme.com", "Bo", "rep");
        var shared = annEmail("t-shared", "thread-f:private", "nina@wonka.com", "Private deal");
        var annOnly = annEmail("t-own", "thread-f:private", "otto@wonka.com", "Private reply");
        var elsewhere = annEmail("t-else", "thread-f:other", "nina@wonka.com", "Other thread");
        api.as(ann).body(batch(List.of(shared, annOnly, elsewhere))).post("/api/v1/captures").then().statusCode(200)
                .body("results.status", equalTo(List.of("stored", "stored", "stored")));
        String sharedId = api.as(bo).body(batch(List.of(seenBy("bo@acme.com", with(with(shared, "direction", "inbound"),
                        "threadId", "bo-thread-9"))))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored")).extract().path("results[0].interactionId");
        String query = "/api/v1/me/threads?source=gmail&threadId=thread-f:private&mailbox=Ann@acme.com";
        api.as(ann).get(query).then().statusCode(200)
                .body("excluded", equalTo(false))
                .body("interactions", equalTo(2))
                .body("lastCapturedAt", notNullValue());
        api.as(server.adminToken()).get("/api/v1/contacts/{email}/summary", "otto@wonka.com").then().statusCode(200)
                .body("counts.total", equalTo(1))
                .body("account.counts.total", equalTo(3));

        api.as(ann).body(Map.of("source", "gmail", "threadId", "thread-f:private", "mailbox", "ann@acme.com"))
                .put("/api/v1/me/excluded-threads").then().statusCode(200)
                .body("excluded", equalTo(true))
                .body("removedInteractions", equalTo(2));

        // Ann-only: gone everywhere, keys and contact rows with it. Shared: still Bo's, no longer Ann's.
        assertEquals(0, server.count("select count(*) from interactions where subject = 'Private reply'"));
        assertEquals(0, server.count("select count(*) from interaction_keys where dedup_key = 'email:mid:t-own@mail.acme.com'"));
        assertEquals(0, server.count("select count(*) from interaction_contacts where email = 'otto@wonka.com'"));
        assertEquals(1, server.count("select count(*) from interaction_links where interaction_id = ?::uuid", sharedId));
        assertEquals(1, server.count("select count(*) from rep_touches where interaction_id = ?::uuid", sharedId));
        assertEquals(0, server.count("select count(*) from rep_touches r join users u on u.id = r.user_id "
                + "where u.email = 'ann@acme.com' and r.occurred_at = '2026-11-20T10:15:00Z' "
                + "and r.interaction_id <> (select interaction_id from interaction_keys "
                + "where dedup_key = 'email:mid:t-else@mail.acme.com')"));
        api.as(ann).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.subject", equalTo(List.of("Other thread")));
        api.as(bo).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.subject", hasItem("Private deal"));
        api.as(server.adminToken()).get("/api/v1/contacts/{email}/summary", "nina@wonka.com").then().statusCode(200)
                .body("counts.total", equalTo(2))
                .body("account.counts.total", equalTo(2));
        api.as(ann).get("/api/v1/contacts/{email}/summary", "nina@wonka.com").then().statusCode(200)
                .body("counts.total", equalTo(1))
                .body("account.contacts", equalTo(1));
        api.as(ann).get("/api/v1/contacts/{email}/summary", "otto@wonka.com").then().statusCode(404);

        // From now on the thread is not logged for Ann; the same email in another thread of hers is.
        api.as(ann).body(batch(List.of(annEmail("t-later", "thread-f:private", "otto@wonka.com", "Later"), annOnly)))
                .post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("skipped"))
                .body("results[0].reason", equalTo("excluded-thread: you chose not to log this thread"))
                .body("results[1].status", equalTo("skipped"));
        api.as(ann).get(query).then().statusCode(200)
                .body("excluded", equalTo(true))
                .body("interactions", equalTo(0))
                .body("lastCapturedAt", nullValue());

        // Logged again.
        api.as(ann).delete("/api/v1/me/excluded-threads?source=gmail&threadId=thread-f:private&mailbox=ann@acme.com")
                .then().statusCode(200).body("excluded", equalTo(false));
        api.as(ann).body(batch(List.of(annOnly))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored"));
        api.as(ann).get(query).then().statusCode(200).body("excluded", equalTo(false)).body("interactions", equalTo(1));
    }

    @Test
    void a_thread_is_named_by_source_thread_id_and_mailbox() {
        String cy = api.userWithToken("cy@acme.com", "Cy", "rep");
        api.as(cy).body(Map.of("source", "fax", "threadId", "t", "mailbox", "cy@acme.com"))
                .put("/api/v1/me/excluded-threads").then().statusCode(400)
                .body("error.message", equalTo("source: must be one of gmail, outlook"));
        api.as(cy).body(Map.of("source", "gmail", "threadId", "t\u0000", "mailbox", "cy@acme.com"))
                .put("/api/v1/me/excluded-threads").then().statusCode(400)
                .body("error.message", org.hamcrest.Matchers.startsWith("threadId:"));
        api.as(cy).get("/api/v1/me/threads?source=gmail&threadId=t").then().statusCode(400)
                .body("error.message", equalTo("mailbox: not a valid email address"));
        api.as(cy).get("/api/v1/me/threads?source=gmail&threadId=t&mailbox=cy@acme.com").then().statusCode(200)
                .body("excluded", equalTo(false)).body("interactions", equalTo(0));
        api.anonymous().get("/api/v1/me/threads?source=gmail&threadId=t&mailbox=cy@acme.com").then().statusCode(401);
        api.as(cy).get("/api/v1/interactions").then().statusCode(200).body("interactions.subject", not(hasItem("x")));
    }
}
