package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.seenBy;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An email captured without its Message-ID is keyed by the provider's id; when a capture brings
 * both ids, the two are one interaction, whichever came first and whoever captured them.
 */
class AnEmailWithoutItsMessageIdTest extends ServerTest {
    static String ann;
    static String bo;
    static String eve;

    @BeforeAll
    static void createUsers() {
        ann = api.userWithToken("ann@acme.com", "Ann", "rep");
        bo = api.userWithToken("bo@acme.com", "Bo", "rep");
        eve = api.userWithToken("eve@acme.com", "Eve", "rep");
    }

    /** Ann's send to a customer with Bo in copy, as Ann's Gmail shows it (provider id gmail-ann-N). */
    private static Map<String, Object> annsCopy(String messageId, String sourceId, String subject) {
        return seenBy("ann@acme.com", with(with(with(with(outboundEmail("x@y", "carla@globex.com", subject),
                "messageId", messageId), "sourceId", sourceId), "from", person("ann@acme.com", "Ann")),
                "cc", List.of(person("bo@acme.com", "Bo"))));
    }

    private static String post(String token, Map<String, Object> event, String status) {
        return api.as(token).body(batch(List.of(event))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo(status)).extract().path("results[0].interactionId");
    }

    private static long interactions(String subject) {
        return server.count("select count(*) from interactions where subject = ?", subject);
    }

    @Test
    void provisional_first_then_the_full_capture_is_one_interaction() {
        String provisional = post(ann, annsCopy(null, "gmail-ann-1", "Order one"), "stored");
        String full = post(ann, annsCopy("<one@mail.gmail.com>", "gmail-ann-1", "Order one"), "duplicate");
        assertEquals(provisional, full);
        assertEquals(1, interactions("Order one"));
        // Bo's copy arrives under the Message-ID and joins the same interaction.
        assertEquals(full, post(bo, seenBy("bo@acme.com", with(with(annsCopy("one@mail.gmail.com", "gmail-bo-1",
                "Order one"), "direction", "inbound"), "sourceId", "gmail-bo-1")), "stored"));
        assertEquals(1, interactions("Order one"));
    }

    @Test
    void full_first_then_the_provisional_capture_is_one_interaction() {
        String full = post(ann, annsCopy("<two@mail.gmail.com>", "gmail-ann-2", "Order two"), "stored");
        assertEquals(full, post(ann, annsCopy(null, "gmail-ann-2", "Order two"), "duplicate"));
        assertEquals(1, interactions("Order two"));
        // Both in one batch, in either order: still one.
        api.as(ann).body(batch(List.of(annsCopy(null, "gmail-ann-2b", "Order two b"),
                        annsCopy("<two-b@mail.gmail.com>", "gmail-ann-2b", "Order two b"))))
                .post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("duplicate"))
                .body("results[1].status", equalTo("stored"));
        assertEquals(1, interactions("Order two b"));
    }

    @Test
    void two_reps_one_provisional_one_full_are_merged_into_one_with_both_links() {
        String provisional = post(ann, annsCopy(null, "gmail-ann-3", "Order three"), "stored");
        String bos = post(bo, seenBy("bo@acme.com", with(with(annsCopy("<three@mail.gmail.com>", "gmail-bo-3",
                "Order three"), "direction", "inbound"), "sourceId", "gmail-bo-3")), "stored");
        assertEquals(2, interactions("Order three"));
        // Ann's extension learns the Message-ID: her provisional interaction merges into Bo's.
        String merged = post(ann, annsCopy("<three@mail.gmail.com>", "gmail-ann-3", "Order three"), "stored");
        assertEquals(bos, merged);
        assertEquals(1, interactions("Order three"));
        assertEquals(0, server.count("select count(*) from interactions where id = ?::uuid", provisional));
        assertEquals(2, server.count("select count(*) from interaction_links where interaction_id = ?::uuid", merged));
        // The dashboard's rollups follow: both reps' touches on the survivor, none on the merged one.
        assertEquals(2, server.count("select count(*) from rep_touches where interaction_id = ?::uuid", merged));
        assertEquals(0, server.count("select count(*) from rep_touches where interaction_id = ?::uuid", provisional));
        assertEquals(1, server.count("select count(*) from interaction_contacts ic join interactions i "
                + "on i.id = ic.interaction_id where i.subject = 'Order three'"));
        // Later copies under either id are the same interaction.
        assertEquals(merged, post(ann, annsCopy(null, "gmail-ann-3", "Order three"), "duplicate"));
        api.as(ann).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.findAll { it.subject == 'Order three' }.size()", equalTo(1))
                .body("interactions.find { it.subject == 'Order three' }.id", equalTo(merged));
    }

    @Test
    void another_rep_cannot_pin_a_message_id_on_someone_elses_provisional_email() {
        post(ann, annsCopy(null, "gmail-ann-4", "Order four"), "stored");
        var forged = seenBy("eve@acme.com", with(annsCopy("<forged@evil>", "gmail-ann-4", "Anything"),
                "from", person("eve@acme.com", "Eve")));
        api.as(eve).body(batch(List.of(forged))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("skipped"))
                .body("results[0].reason", equalTo(CaptureService.NOT_A_PARTICIPANT));
        assertEquals(0, server.count("select count(*) from interaction_keys where dedup_key = 'email:mid:forged@evil'"));
        assertEquals(1, interactions("Order four"));
    }
}
