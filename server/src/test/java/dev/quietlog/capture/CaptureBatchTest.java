package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CaptureBatchTest extends ServerTest {
    static String rep;

    @BeforeAll
    static void createUsers() {
        rep = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
    }

    private static int countInteractions() {
        return server.database().jdbi().withHandle(h ->
                h.createQuery("select count(*) from interactions").mapTo(Integer.class).one());
    }

    @Test
    void two_customer_emails_are_stored_and_the_same_batch_again_is_duplicate() {
        var events = List.of(
                outboundEmail("a1@mail.acme.com", "carla@globex.com", "Quote"),
                outboundEmail("a2@mail.acme.com", "bob@initech.com", "Demo next week"));
        int before = countInteractions();
        api.as(rep).body(batch(events)).post("/api/v1/captures")
                .then().statusCode(200)
                .body("results", hasSize(2))
                .body("results[0].index", equalTo(0))
                .body("results[0].status", equalTo("stored"))
                .body("results[0].interactionId", notNullValue())
                .body("results[1].status", equalTo("stored"));
        api.as(rep).body(batch(events)).post("/api/v1/captures")
                .then().statusCode(200)
                .body("results[0].status", equalTo("duplicate"))
                .body("results[1].status", equalTo("duplicate"));
        assertEquals(before + 2, countInteractions());
    }

    @Test
    void an_email_among_colleagues_only_is_skipped_with_the_reason() {
        var internal = with(outboundEmail("i1@mail.acme.com", "boss@acme.com", "Lunch?"),
                "cc", List.of(person("pat@eu.acme.com", "Pat")));
        api.as(rep).body(batch(List.of(internal))).post("/api/v1/captures")
                .then().statusCode(200)
                .body("results[0].status", equalTo("skipped"))
                .body("results[0].reason", containsString("internal"))
                .body("results[0].interactionId", nullValue());
    }

    @Test
    void a_malformed_event_is_rejected_by_field_and_the_good_one_beside_it_is_stored() {
        var good = outboundEmail("g1@mail.acme.com", "dana@hooli.com", "Contract");
        var bad = with(outboundEmail("b1@mail.acme.com", "dana@hooli.com", "Contract"), "occurredAt", "yesterday");
        api.as(rep).body(batch(List.of(bad, good))).post("/api/v1/captures")
                .then().statusCode(200)
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].reason", equalTo("events[0].occurredAt: not an ISO-8601 instant (e.g. 2026-03-01T09:30:00Z)"))
                .body("results[1].status", equalTo("stored"));
    }

    @Test
    void each_malformed_field_is_named() {
        var base = outboundEmail("f1@mail.acme.com", "erin@hooli.com", "Hi");
        var cases = Map.of(
                "events[0].direction", with(base, "direction", "sideways"),
                "events[0].from.email", with(base, "from", person("not an address", "X")),
                "events[0].to[0]", with(base, "to", List.of("erin@hooli.com")),
                "events[0].sourceId", with(base, "sourceId", ""),
                "events[0].type", with(base, "type", "fax"));
        cases.forEach((field, event) ->
                api.as(rep).body(batch(List.of(event))).post("/api/v1/captures")
                        .then().statusCode(200)
                        .body("results[0].status", equalTo("rejected"))
                        .body("results[0].reason", containsString(field)));
    }

    @Test
    void a_hostile_subject_is_stored_exactly_as_sent() {
        String subject = "<img src=x onerror=alert(1)>";
        api.as(rep).body(batch(List.of(outboundEmail("x1@mail.acme.com", "mallory@evil.example", subject))))
                .post("/api/v1/captures").then().statusCode(200).body("results[0].status", equalTo("stored"));
        String stored = server.database().jdbi().withHandle(h -> h.createQuery(
                "select subject from interactions where participants @> '[{\"email\": \"mallory@evil.example\"}]'")
                .mapTo(String.class).one());
        assertEquals(subject, stored);
    }

    @Test
    void the_rep_sees_their_interactions_with_participants_and_direction() {
        api.as(rep).body(batch(List.of(outboundEmail("v1@mail.acme.com", "fay@umbrella.com", "Visible"))))
                .post("/api/v1/captures").then().statusCode(200);
        api.as(rep).get("/api/v1/interactions")
                .then().statusCode(200)
                .body("interactions.find { it.subject == 'Visible' }.reps[0].email", equalTo("rep@acme.com"))
                .body("interactions.find { it.subject == 'Visible' }.reps[0].direction", equalTo("outbound"))
                .body("interactions.find { it.subject == 'Visible' }.participants.find { it.external }.email",
                        equalTo("fay@umbrella.com"));
    }

    @Test
    void a_body_that_is_not_json_content_is_415() {
        api.as(rep).contentType("text/plain").body("hello").post("/api/v1/captures")
                .then().statusCode(415)
                .body("error.code", equalTo("unsupported_media_type"));
    }

    @Test
    void a_body_without_events_is_400_naming_events() {
        api.as(rep).body(Map.of("client", Map.of())).post("/api/v1/captures")
                .then().statusCode(400)
                .body("error.message", containsString("events"));
    }
}
