package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.attendee;
import static dev.quietlog.support.Events.meeting;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A meeting's iCalUID is no secret (it travels in every invitation), so it is no licence: a rep
 * who neither organises nor attends the stored meeting cannot rewrite or cancel it, learns
 * nothing of it, and cannot block the real updates that follow.
 */
class AnUninvitedRepCannotRewriteAMeetingTest extends ServerTest {
    static String ann;
    static String mallory;

    @BeforeAll
    static void createUsers() {
        ann = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
        mallory = api.userWithToken("mallory@acme.com", "Mallory Rep", "rep");
    }

    /** The version Mallory forges: her own calendar's copy, cancelled, with a sequence of her choosing. */
    private static Map<String, Object> forged(Map<String, Object> real, Object sequence) {
        Map<String, Object> m = with(with(with(real, "status", "cancelled"), "sequence", sequence),
                "organizer", person("mallory@acme.com", "Mallory Rep"));
        return with(attendee(m, "mallory@acme.com", "accepted"), "mailbox", "mallory@acme.com");
    }

    @Test
    void the_uninvited_rep_posting_the_icaluid_with_sequence_2_pow_31_minus_1_changes_nothing_and_the_real_update_applies() {
        var v0 = with(meeting("board-7@google.com", "carla@globex.com", "2026-12-10T15:00:00Z", "2026-12-10T16:00:00Z"),
                "sequence", 0);
        String id = api.as(ann).body(batch(List.of(v0))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored")).extract().path("results[0].interactionId");

        // 2^31-1 is past any calendar's sequence (shared-policy/event-limits.json maxSequence): rejected, named.
        api.as(mallory).body(batch(List.of(forged(v0, Integer.MAX_VALUE)))).post("/api/v1/captures").then()
                .statusCode(200)
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].reason", startsWith("events[0].sequence: more than 1000000"));
        // The largest sequence allowed: skipped, and the answer says nothing of the stored meeting.
        api.as(mallory).body(batch(List.of(forged(v0, 1_000_000)))).post("/api/v1/captures").then()
                .statusCode(200)
                .body("results[0].status", equalTo("skipped"))
                .body("results[0].reason", startsWith("not-invited:"))
                .body("results[0].reason", not(containsString("Quarterly")))
                .body("results[0].reason", not(containsString("carla")))
                .body("results[0].reason", not(containsString("2026")))
                .body("results[0].interactionId", nullValue());

        assertEquals(1, server.count("select count(*) from interactions where id = ?::uuid and status = 'confirmed' "
                + "and source_sequence = 0 and occurred_at = '2026-12-10T15:00:00Z'", id));
        assertEquals(0, server.count("select count(*) from interaction_links l join users u on u.id = l.user_id "
                + "where l.interaction_id = ?::uuid and u.email = 'mallory@acme.com'", id));
        api.as(mallory).get("/api/v1/interactions").then().statusCode(200).body("interactions", hasSize(0));
        api.as(mallory).get("/api/v1/contacts/{email}/summary", "carla@globex.com").then().statusCode(404);

        // The organizer's real update, sequence 1, still applies.
        var v1 = with(with(with(v0, "sequence", 1), "startsAt", "2026-12-11T15:00:00Z"), "endsAt", "2026-12-11T16:00:00Z");
        api.as(ann).body(batch(List.of(v1))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .body("results[0].interactionId", equalTo(id));
        assertEquals(1, server.count("select count(*) from interactions where id = ?::uuid and status = 'confirmed' "
                + "and source_sequence = 1 and occurred_at = '2026-12-11T15:00:00Z'", id));
    }

    @Test
    void an_invited_colleague_may_apply_a_newer_version() {
        var v0 = with(attendee(meeting("kickoff-3@google.com", "dana@hooli.com", "2026-12-12T09:00:00Z",
                "2026-12-12T10:00:00Z"), "bo@acme.com", "accepted"), "sequence", 0);
        String bo = api.userWithToken("bo@acme.com", "Bo Rep", "rep");
        String id = api.as(ann).body(batch(List.of(v0))).post("/api/v1/captures").then().statusCode(200)
                .extract().path("results[0].interactionId");
        var cancelled = with(with(with(v0, "sequence", 1), "status", "cancelled"), "mailbox", "bo@acme.com");
        api.as(bo).body(batch(List.of(cancelled))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .body("results[0].interactionId", equalTo(id));
    }

    @Test
    void a_rep_invited_under_an_alias_is_invited() {
        String cy = api.userWithToken("cy@acme.com", "Cy Rep", "rep");
        api.as(server.adminToken()).body(Map.of("addresses", List.of("cy@acme.com", "cy.sales@acme.com")))
                .put("/api/v1/admin/users/{email}/addresses", "cy@acme.com").then().statusCode(200);
        var v0 = with(attendee(meeting("alias-2@google.com", "dana@hooli.com", "2026-12-13T09:00:00Z",
                "2026-12-13T10:00:00Z"), "cy.sales@acme.com", "needsAction"), "sequence", 0);
        String id = api.as(ann).body(batch(List.of(v0))).post("/api/v1/captures").then().statusCode(200)
                .extract().path("results[0].interactionId");
        var declined = with(with(attendee(v0, "cy.sales@acme.com", "declined"), "sequence", 1),
                "mailbox", "cy.sales@acme.com");
        api.as(cy).body(batch(List.of(declined))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .body("results[0].interactionId", equalTo(id));
        api.as(cy).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.find { it.id == '" + id + "' }.response", equalTo("declined"));
    }
}
