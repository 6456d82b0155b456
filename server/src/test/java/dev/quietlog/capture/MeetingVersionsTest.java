package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.meeting;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The newest version of a meeting (sequence, else last-modified time) is the one stored,
 * whatever order versions arrive in, within one batch or across batches; every version seen is
 * kept in the meeting's history.
 */
class MeetingVersionsTest extends ServerTest {
    static String ann;

    @BeforeAll
    static void createUsers() {
        ann = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
    }

    private static Map<String, Object> version(Map<String, Object> m, int sequence, String updatedAt, String startsAt,
                                               String endsAt, String status) {
        return with(with(with(with(with(m, "sequence", sequence), "updatedAt", updatedAt), "startsAt", startsAt),
                "endsAt", endsAt), "status", status);
    }

    private static io.restassured.response.ValidatableResponse post(List<Map<String, Object>> events) {
        return api.as(ann).body(batch(events)).post("/api/v1/captures").then().statusCode(200);
    }

    @Test
    void an_offline_outbox_uploaded_out_of_order_in_one_batch_ends_in_the_newest_version() {
        var m = meeting("outbox-1@google.com", "carla@globex.com", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z");
        var v1 = version(m, 1, "2026-11-20T08:00:00Z", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z", "confirmed");
        var v2 = version(m, 2, "2026-11-21T08:00:00Z", "2026-12-02T15:00:00Z", "2026-12-02T16:00:00Z", "confirmed");
        var v3 = version(m, 3, "2026-11-22T08:00:00Z", "2026-12-02T15:00:00Z", "2026-12-02T16:00:00Z", "cancelled");
        String id = post(List.of(v3, v1, v2))
                .body("results[0].status", equalTo("stored"))
                .body("results[1].status", equalTo("duplicate"))
                .body("results[1].reason", equalTo("superseded by events[0] in the same batch"))
                .body("results[2].status", equalTo("duplicate"))
                .extract().path("results[0].interactionId");
        assertEquals(1, server.count("select count(*) from interactions where id = ?::uuid and status = 'cancelled' "
                + "and occurred_at = '2026-12-02T15:00:00Z' and source_sequence = 3", id));

        // The same, oldest last, over a meeting already stored: the cancellation is not undone.
        var n = meeting("outbox-2@google.com", "carla@globex.com", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z");
        String id2 = post(List.of(version(n, 0, "2026-11-19T08:00:00Z", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z",
                "confirmed"))).extract().path("results[0].interactionId");
        post(List.of(version(n, 3, "2026-11-22T08:00:00Z", "2026-12-02T15:00:00Z", "2026-12-02T16:00:00Z", "cancelled"),
                version(n, 2, "2026-11-21T08:00:00Z", "2026-12-02T15:00:00Z", "2026-12-02T16:00:00Z", "confirmed"),
                version(n, 1, "2026-11-20T08:00:00Z", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z", "confirmed")))
                .body("results[0].status", equalTo("updated"))
                .body("results[0].interactionId", equalTo(id2))
                .body("results[2].interactionId", equalTo(id2));
        assertEquals(1, server.count("select count(*) from interactions where id = ?::uuid and status = 'cancelled' "
                + "and occurred_at = '2026-12-02T15:00:00Z'", id2));
    }

    @Test
    void without_a_sequence_the_last_modified_time_decides() {
        var m = with(with(meeting("AAMkGraph-9", "carla@globex.com", "2026-12-03T09:00:00Z", "2026-12-03T10:00:00Z"),
                "source", "outlook-calendar"), "updatedAt", "2026-11-25T10:00:00Z");
        var cancelled = with(with(m, "updatedAt", "2026-11-26T10:00:00Z"), "status", "cancelled");
        String id = post(List.of(cancelled, m)).extract().path("results[0].interactionId");
        assertEquals(1, server.count("select count(*) from interactions where id = ?::uuid and status = 'cancelled'", id));
    }

    @Test
    void a_description_only_sequence_bump_still_outranks_a_late_intermediate_version() {
        // The organizer moved the meeting to Tuesday (sequence 1), back to Monday (2), then edited
        // only its description, which Outlook counts as a version too (3).
        var m = meeting("desc-bump@outlook", "carla@globex.com", "2026-12-07T10:00:00Z", "2026-12-07T11:00:00Z");
        var v0 = version(m, 0, "2026-11-20T08:00:00Z", "2026-12-07T10:00:00Z", "2026-12-07T11:00:00Z", "confirmed");
        var v1 = version(m, 1, "2026-11-21T08:00:00Z", "2026-12-08T10:00:00Z", "2026-12-08T11:00:00Z", "confirmed");
        var v3 = version(m, 3, "2026-11-23T08:00:00Z", "2026-12-07T10:00:00Z", "2026-12-07T11:00:00Z", "confirmed");
        String id = post(List.of(v0)).extract().path("results[0].interactionId");
        post(List.of(v3)).body("results[0].status", equalTo("duplicate"));
        // Tuesday's version, captured late by an offline calendar, must not move it back.
        post(List.of(v1)).body("results[0].status", equalTo("duplicate"))
                .body("results[0].reason", equalTo("older-version: a newer version of this meeting is already stored"));
        assertEquals(1, server.count("select count(*) from interactions where id = ?::uuid "
                + "and occurred_at = '2026-12-07T10:00:00Z' and source_sequence = 3", id));
    }

    @Test
    void every_version_seen_is_recorded_once() {
        var m = meeting("history-1@google.com", "carla@globex.com", "2026-12-09T10:00:00Z", "2026-12-09T11:00:00Z");
        var v0 = version(m, 0, "2026-11-20T08:00:00Z", "2026-12-09T10:00:00Z", "2026-12-09T11:00:00Z", "confirmed");
        var v1 = version(m, 1, "2026-11-21T08:00:00Z", "2026-12-09T14:00:00Z", "2026-12-09T15:00:00Z", "confirmed");
        var v2 = version(m, 2, "2026-11-22T08:00:00Z", "2026-12-09T14:00:00Z", "2026-12-09T15:00:00Z", "cancelled");
        String id = post(List.of(v1, v0)).extract().path("results[0].interactionId");
        post(List.of(v2, v0));
        post(List.of(v2, v0));
        assertEquals(3, server.count("select count(*) from meeting_versions where interaction_id = ?::uuid", id));
        assertEquals(1, server.count("select count(*) from meeting_versions where interaction_id = ?::uuid "
                + "and sequence = 2 and status = 'cancelled' and outcome = 'applied'", id));
        assertEquals(1, server.count("select count(*) from meeting_versions where interaction_id = ?::uuid "
                + "and sequence = 0 and outcome = 'older'", id));
    }

    @Test
    void a_meeting_whose_row_was_purged_is_stored_again_by_its_next_version() {
        var m = meeting("purged-1@google.com", "carla@globex.com", "2026-12-18T10:00:00Z", "2026-12-18T11:00:00Z");
        String id = post(List.of(version(m, 0, "2026-11-20T08:00:00Z", "2026-12-18T10:00:00Z", "2026-12-18T11:00:00Z",
                "confirmed"))).extract().path("results[0].interactionId");
        assertEquals(1, server.count("with d as (delete from interactions where id = ?::uuid returning 1) "
                + "select count(*) from d", id));
        post(List.of(version(m, 1, "2026-11-21T08:00:00Z", "2026-12-19T10:00:00Z", "2026-12-19T11:00:00Z", "confirmed")))
                .body("results[0].status", equalTo("stored"))
                .body("results[0].interactionId", equalTo(id));
        assertEquals(1, server.count("select count(*) from interactions where id = ?::uuid "
                + "and occurred_at = '2026-12-19T10:00:00Z' and source_sequence = 1", id));
    }
}
