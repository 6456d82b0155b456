package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.inboundEmail;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.seenBy;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same email captured by several reps is one interaction with one link per rep. */
class OneEmailManyRepsTest extends ServerTest {

    @Test
    void one_email_captured_by_three_reps_is_one_interaction_with_three_links() {
        String ann = api.userWithToken("ann@acme.com", "Ann", "rep");
        String bo = api.userWithToken("bo@acme.com", "Bo", "rep");
        String cy = api.userWithToken("cy@acme.com", "Cy", "rep");
        // Ann writes to the customer with Bo and Cy in copy; each of them captures it.
        Map<String, Object> sent = seenBy("ann@acme.com", with(with(outboundEmail("deal-42@mail.acme.com", "carla@globex.com", "Proposal"),
                "from", person("ann@acme.com", "Ann")),
                "cc", List.of(person("bo@acme.com", "Bo"), person("cy@acme.com", "Cy"))));
        Map<String, Object> receivedByBo = seenBy("bo@acme.com",
                with(with(sent, "direction", "inbound"), "messageId", " <deal-42@mail.acme.com> "));
        Map<String, Object> receivedByCy = seenBy("cy@acme.com",
                with(with(sent, "direction", "inbound"), "messageId", "deal-42@mail.acme.com"));

        String id = api.as(ann).body(batch(List.of(sent))).post("/api/v1/captures")
                .then().statusCode(200).body("results[0].status", equalTo("stored")).extract().path("results[0].interactionId");
        api.as(bo).body(batch(List.of(receivedByBo))).post("/api/v1/captures")
                .then().statusCode(200).body("results[0].status", equalTo("stored"))
                .body("results[0].interactionId", equalTo(id));
        api.as(cy).body(batch(List.of(receivedByCy))).post("/api/v1/captures")
                .then().statusCode(200).body("results[0].interactionId", equalTo(id));
        api.as(cy).body(batch(List.of(receivedByCy))).post("/api/v1/captures")
                .then().statusCode(200).body("results[0].status", equalTo("duplicate"));

        assertEquals(1, server.count("select count(*) from interactions where id = ?::uuid", id));
        assertEquals(3, server.count("select count(*) from interaction_links where interaction_id = ?::uuid", id));
        assertEquals(1, server.count("select count(*) from interaction_links where interaction_id = ?::uuid and direction = 'outbound'", id));
        assertEquals(2, server.count("select count(*) from interaction_links where interaction_id = ?::uuid and direction = 'inbound'", id));
        api.as(server.adminToken()).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.find { it.id == '" + id + "' }.reps.email", equalTo(List.of("ann@acme.com", "bo@acme.com", "cy@acme.com")));
    }

    @Test
    void a_gmail_rep_and_an_outlook_rep_on_one_email_make_one_interaction() {
        String gia = api.userWithToken("gia@acme.com", "Gia", "rep");
        String oli = api.userWithToken("oli@acme.com", "Oli", "rep");
        // Gia sends from Gmail with Oli in copy; Oli's Outlook mailbox receives it under Graph's own id.
        Map<String, Object> sent = with(with(with(outboundEmail("CAF=x9Jd-7@mail.gmail.com", "carla@globex.com", "Terms"),
                "from", person("gia@acme.com", "Gia")), "cc", List.of(person("oli@acme.com", "Oli"))),
                "mailbox", "gia@acme.com");
        Map<String, Object> inOutlook = with(with(with(with(with(sent, "source", "outlook"),
                "sourceId", "AAMkAGI2TG93AAA="), "direction", "inbound"), "mailbox", "oli@acme.com"),
                "threadId", "AAQkAGI2TG93conversation=");

        String id = api.as(gia).body(batch(List.of(sent))).post("/api/v1/captures")
                .then().statusCode(200).body("results[0].status", equalTo("stored")).extract().path("results[0].interactionId");
        api.as(oli).body(batch(List.of(inOutlook))).post("/api/v1/captures")
                .then().statusCode(200).body("results[0].status", equalTo("stored"))
                .body("results[0].interactionId", equalTo(id));
        assertEquals(1, server.count("select count(*) from interaction_keys where interaction_id = ?::uuid", id));
        assertEquals(2, server.count("select count(*) from interaction_links where interaction_id = ?::uuid", id));
        assertEquals(1, server.count("select count(*) from interaction_links where interaction_id = ?::uuid "
                + "and source_id = 'AAMkAGI2TG93AAA=' and direction = 'inbound'", id));
    }

    @Test
    void without_a_message_id_the_providers_id_identifies_the_email() {
        String dee = api.userWithToken("dee@acme.com", "Dee", "rep");
        Map<String, Object> noMid = with(inboundEmail("x@y", "erin@hooli.com", "dee@acme.com", "No id"), "messageId", null);
        api.as(dee).body(batch(List.of(noMid, noMid))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("duplicate"))
                .body("results[1].status", equalTo("stored"));
        api.as(dee).body(batch(List.of(noMid))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("duplicate"));
    }
}
