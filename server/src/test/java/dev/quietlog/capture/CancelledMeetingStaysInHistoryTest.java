package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.meeting;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;

import dev.quietlog.support.ServerTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cancelled meeting was still arranged with the customer: it stays in the rep's history and the
 * contact's summary, marked cancelled, and is left out only of time spent with customers.
 */
class CancelledMeetingStaysInHistoryTest extends ServerTest {
    static String ann;

    @BeforeAll
    static void createUsers() {
        ann = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
    }

    @Test
    void a_reps_only_meeting_with_a_contact_cancelled_still_shows_in_the_summary_and_the_feed() {
        var m = meeting("only-one@google.com", "dora@umbrella.com", "2026-12-04T10:00:00Z", "2026-12-04T11:00:00Z");
        api.as(ann).body(batch(List.of(m))).post("/api/v1/captures").then().statusCode(200);
        String id = api.as(ann).body(batch(List.of(with(m, "status", "cancelled")))).post("/api/v1/captures").then()
                .statusCode(200).body("results[0].status", equalTo("updated")).extract().path("results[0].interactionId");

        api.as(ann).get("/api/v1/contacts/{email}/summary", "dora@umbrella.com").then().statusCode(200)
                .body("counts.meetings", equalTo(1))
                .body("counts.cancelledMeetings", equalTo(1))
                .body("counts.total", equalTo(1))
                .body("counts.lastTouchAt", equalTo("2026-12-04T10:00:00Z"))
                .body("lastTouches[0].id", equalTo(id))
                .body("lastTouches[0].status", equalTo("cancelled"))
                .body("account.counts.cancelledMeetings", equalTo(1));
        api.as(ann).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.find { it.id == '" + id + "' }.status", equalTo("cancelled"));
    }
}
