package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.seenBy;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rep with a valid token who learns another person's Message-ID (a forwarded header, a guess)
 * gets nothing of that email: no link, no id, no contact summary, no counts.
 */
class SharedIdentifiersOpenNothingTest extends ServerTest {
    static String manager;
    static String rep;
    static String managersEmailId;

    @BeforeAll
    static void managerEmailsACustomer() {
        manager = api.userWithToken("meg@acme.com", "Meg Manager", "manager");
        rep = api.userWithToken("eve@acme.com", "Eve Rep", "rep");
        Map<String, Object> sent = seenBy("meg@acme.com", with(with(outboundEmail("board-deal@mail.acme.com",
                "cfo@bigcorp.com", "Acquisition terms"), "from", person("meg@acme.com", "Meg")),
                "cc", List.of(person("ceo@bigcorp.com", "Big CEO"))));
        managersEmailId = api.as(manager).body(batch(List.of(sent))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored")).extract().path("results[0].interactionId");
    }

    /** The rep's forged copy: the manager's Message-ID, the rep's own mailbox, the rep put on it. */
    private static Map<String, Object> forged(String subject) {
        return seenBy("eve@acme.com", with(with(with(outboundEmail("board-deal@mail.acme.com", "cfo@bigcorp.com", subject),
                "direction", "inbound"), "from", person("cfo@bigcorp.com", "CFO")),
                "to", List.of(person("eve@acme.com", "Eve"), person("cfo@bigcorp.com", null))));
    }

    @Test
    void posting_the_managers_message_id_links_nothing_and_reveals_nothing() {
        api.as(rep).body(batch(List.of(forged("Anything"), forged("Anything again")))).post("/api/v1/captures")
                .then().statusCode(200)
                .body("results[0].status", equalTo("skipped"))
                .body("results[0].reason", equalTo("not-a-participant: this email is already logged and you are not on it"))
                .body("results[0].interactionId", nullValue())
                .body("results[1].status", equalTo("skipped"))
                .body("results[1].interactionId", nullValue());
        assertEquals(0, server.count("select count(*) from interaction_links l join users u on u.id = l.user_id "
                + "where u.email = 'eve@acme.com'"));
        assertEquals(1, server.count("select count(*) from interaction_links where interaction_id = ?::uuid",
                managersEmailId));
        api.as(rep).get("/api/v1/interactions").then().statusCode(200).body("interactions", hasSize(0));
    }

    @Test
    void not_yours_and_no_such_contact_are_the_same_404() {
        api.as(rep).body(batch(List.of(forged("Probe")))).post("/api/v1/captures").then().statusCode(200);
        String notYours = api.as(rep).get("/api/v1/contacts/{email}/summary", "ceo@bigcorp.com").then().statusCode(404)
                .extract().asString();
        String noSuch = api.as(rep).get("/api/v1/contacts/{email}/summary", "nobody@bigcorp.com").then().statusCode(404)
                .extract().asString();
        assertEquals(noSuch.replace("nobody@bigcorp.com", "X"), notYours.replace("ceo@bigcorp.com", "X"));
    }

    @Test
    void a_rep_counts_only_their_own_contacts_and_interactions_at_an_account() {
        String other = api.userWithToken("finn@acme.com", "Finn Rep", "rep");
        api.manages("meg@acme.com", "eve@acme.com", "finn@acme.com");
        api.as(other).body(batch(List.of(seenBy("finn@acme.com", with(outboundEmail("finn-1@mail.acme.com",
                        "buyer@bigcorp.com", "Finn's own"), "from", person("finn@acme.com", "Finn"))))))
                .post("/api/v1/captures").then().statusCode(200).body("results[0].status", equalTo("stored"));
        api.as(other).get("/api/v1/contacts/{email}/summary", "buyer@bigcorp.com").then().statusCode(200)
                .body("counts.total", equalTo(1))
                .body("account.contacts", equalTo(1))
                .body("account.counts.total", equalTo(1))
                .body("lastTouches", hasSize(1));
        // The org-wide view (whom managers see is the teams rule's; an admin sees the org).
        api.as(server.adminToken()).get("/api/v1/contacts/{email}/summary", "buyer@bigcorp.com").then().statusCode(200)
                .body("account.contacts", equalTo(3));
    }

    @Test
    void a_rep_who_was_on_the_email_joins_it() {
        String cc = api.userWithToken("gus@acme.com", "Gus Rep", "rep");
        Map<String, Object> sent = seenBy("meg@acme.com", with(with(outboundEmail("team-deal@mail.acme.com",
                "cfo@bigcorp.com", "Team deal"), "from", person("meg@acme.com", "Meg")),
                "bcc", List.of(person("gus@acme.com", "Gus"))));
        String id = api.as(manager).body(batch(List.of(sent))).post("/api/v1/captures").then().statusCode(200)
                .extract().path("results[0].interactionId");
        // Gus's copy does not show the Bcc, but the stored email has him on it.
        api.as(cc).body(batch(List.of(seenBy("gus@acme.com", with(with(sent, "bcc", null), "direction", "inbound")))))
                .post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored"))
                .body("results[0].interactionId", equalTo(id));
    }
}
