package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.attendee;
import static dev.quietlog.support.Events.meeting;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attendee answers from Google (responseStatus) and Microsoft Graph (status.response) are stored
 * as accepted / declined / tentative / none, and each rep's own answer is kept on their link, so
 * a meeting a rep declined shows as declined for that rep.
 */
class MeetingResponsesTest extends ServerTest {
    static String ann;
    static String bo;
    static String meg;

    @BeforeAll
    static void createUsers() {
        ann = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
        bo = api.userWithToken("bo@acme.com", "Bo Rep", "rep");
        meg = api.userWithToken("meg@acme.com", "Meg Manager", "manager");
        api.manages("meg@acme.com", "rep@acme.com", "bo@acme.com");
    }

    private static String item(String id) {
        return "interactions.find { it.id == '" + id + "' }";
    }

    @Test
    void each_reps_own_response_is_kept_and_a_late_older_copy_does_not_undo_a_decline() {
        var m = with(with(attendee(meeting("demo-5@google.com", "carla@globex.com", "2026-12-15T14:00:00Z",
                "2026-12-15T15:00:00Z"), "bo@acme.com", "needsAction"), "sequence", 0), "updatedAt", "2026-11-20T08:00:00Z");
        String id = api.as(ann).body(batch(List.of(m))).post("/api/v1/captures").then().statusCode(200)
                .extract().path("results[0].interactionId");
        var boDeclines = with(with(attendee(m, "bo@acme.com", "declined"), "mailbox", "bo@acme.com"),
                "updatedAt", "2026-11-21T08:00:00Z");
        api.as(bo).body(batch(List.of(boDeclines))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].interactionId", equalTo(id));
        // Bo's calendar had not synced the decline on another machine; that older copy arrives now.
        api.as(bo).body(batch(List.of(with(attendee(m, "bo@acme.com", "accepted"), "mailbox", "bo@acme.com"))))
                .post("/api/v1/captures").then().statusCode(200);

        api.as(bo).get("/api/v1/interactions").then().statusCode(200)
                .body(item(id) + ".response", equalTo("declined"))
                .body(item(id) + ".participants.find { it.email == 'bo@acme.com' }.response", equalTo("declined"));
        api.as(ann).get("/api/v1/interactions").then().statusCode(200)
                .body(item(id) + ".response", equalTo("accepted"));
        api.as(server.adminToken()).get("/api/v1/interactions").then().statusCode(200)
                .body(item(id) + ".response", nullValue())
                .body(item(id) + ".reps.find { it.email == 'rep@acme.com' }.response", equalTo("accepted"))
                .body(item(id) + ".reps.find { it.email == 'bo@acme.com' }.response", equalTo("declined"));
        assertEquals(1, server.count("select count(*) from interaction_links l join users u on u.id = l.user_id "
                + "where l.interaction_id = ?::uuid and u.email = 'bo@acme.com' and l.response = 'declined'", id));
    }

    @Test
    void both_providers_names_for_a_response_are_taken() {
        var m = meeting("graph-names@outlook", "carla@globex.com", "2026-12-16T14:00:00Z", "2026-12-16T15:00:00Z");
        m = attendee(attendee(attendee(attendee(m, "carla@globex.com", "tentativelyAccepted"),
                "dan@globex.com", "notResponded"), "eve@globex.com", "needsAction"), "fay@globex.com", "organizer");
        String id = api.as(ann).body(batch(List.of(m))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored")).extract().path("results[0].interactionId");
        var feed = api.as(ann).get("/api/v1/interactions").then().statusCode(200);
        for (var e : Map.of("carla@globex.com", "tentative", "dan@globex.com", "none", "eve@globex.com", "none",
                "fay@globex.com", "accepted").entrySet()) {
            feed.body(item(id) + ".participants.find { it.email == '" + e.getKey() + "' }.response", equalTo(e.getValue()));
        }
        api.as(ann).body(batch(List.of(attendee(m, "carla@globex.com", "maybe")))).post("/api/v1/captures").then()
                .statusCode(200).body("results[0].status", equalTo("rejected"))
                .body("results[0].reason", equalTo(
                        "events[0].attendees[0].response: must be one of accepted, declined, tentative, none"));
    }

    @Test
    void the_feed_gives_a_meetings_end_status_identity_and_kind() {
        var m = with(meeting("weekly-sync@google.com", "carla@globex.com", "2026-12-17T09:00:00Z", "2026-12-17T09:30:00Z"),
                "recurrenceId", "2026-12-17T10:00:00+01:00");
        String id = api.as(ann).body(batch(List.of(m))).post("/api/v1/captures").then().statusCode(200)
                .extract().path("results[0].interactionId");
        api.as(ann).get("/api/v1/interactions").then().statusCode(200)
                .body(item(id) + ".type", equalTo("meeting"))
                .body(item(id) + ".occurredAt", equalTo("2026-12-17T09:00:00Z"))
                .body(item(id) + ".endsAt", equalTo("2026-12-17T09:30:00Z"))
                .body(item(id) + ".status", equalTo("confirmed"))
                .body(item(id) + ".iCalUid", equalTo("weekly-sync@google.com"))
                .body(item(id) + ".recurrenceId", equalTo("2026-12-17T09:00:00Z"))
                .body(item(id) + ".allDay", equalTo(false))
                .body(item(id) + ".response", equalTo("accepted"));
    }
}
