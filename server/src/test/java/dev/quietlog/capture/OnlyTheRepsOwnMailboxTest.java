package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.meeting;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.seenBy;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every event says which mailbox it was seen in; the server keeps only the rep's own. */
class OnlyTheRepsOwnMailboxTest extends ServerTest {
    static String rep;

    @BeforeAll
    static void createUsers() {
        rep = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
        api.as(server.adminToken()).body(Map.of("addresses", List.of("rep@acme.com", "ann.sales@acme.com")))
                .put("/api/v1/admin/users/{email}/addresses", "rep@acme.com").then().statusCode(200);
    }

    @Test
    void an_event_without_a_mailbox_or_with_a_malformed_one_is_rejected_by_field() {
        var e = outboundEmail("nomb@mail.acme.com", "carla@globex.com", "Hi");
        api.as(rep).body(batch(List.of(with(e, "mailbox", null), with(e, "mailbox", "not an address"),
                        with(e, "mailbox", Map.of("email", "rep@acme.com")),
                        with(meeting("nomb@google.com", "carla@globex.com", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z"),
                                "mailbox", null), e)))
                .post("/api/v1/captures").then().statusCode(200)
                .body("results[0].reason", startsWith("events[0].mailbox: required"))
                .body("results[1].reason", equalTo("events[1].mailbox: not a valid email address"))
                .body("results[2].reason", equalTo("events[2].mailbox: must be an email address string"))
                .body("results[3].reason", startsWith("events[3].mailbox: required"))
                .body("results[4].status", equalTo("stored"));
    }

    @Test
    void mail_seen_in_a_mailbox_that_is_not_the_reps_is_skipped() {
        var personal = seenBy("ann.private@gmail.com", outboundEmail("home@mail.gmail.com", "carla@globex.com", "Weekend"));
        var colleagues = seenBy("boss@acme.com", outboundEmail("boss@mail.acme.com", "carla@globex.com", "Boss"));
        var calendar = seenBy("ann.private@gmail.com",
                meeting("home@google.com", "carla@globex.com", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z"));
        api.as(rep).body(batch(List.of(personal, colleagues, calendar))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("skipped"))
                .body("results[0].reason", startsWith("not-your-mailbox: ann.private@gmail.com"))
                .body("results[1].reason", startsWith("not-your-mailbox: boss@acme.com"))
                .body("results[2].status", equalTo("skipped"))
                .body("results[2].reason", startsWith("not-your-mailbox:"));
        assertEquals(0, server.count("select count(*) from interactions where subject in ('Weekend', 'Boss')"));
    }

    @Test
    void an_alias_of_the_rep_is_the_reps_mailbox() {
        var alias = seenBy("Ann.Sales@acme.com", with(outboundEmail("alias@mail.acme.com", "carla@globex.com", "Alias"),
                "from", person("ann.sales@acme.com", "Ann")));
        api.as(rep).body(batch(List.of(alias))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored"));
    }

    @Test
    void an_org_that_allows_delegated_mailboxes_keeps_mail_seen_in_them() {
        var delegated = seenBy("ceo@acme.com", outboundEmail("deleg@mail.acme.com", "carla@globex.com", "Delegated"));
        api.as(server.adminToken()).body(Map.of("allowDelegatedMailboxes", true)).patch("/api/v1/admin/policy")
                .then().statusCode(200);
        try {
            api.as(rep).body(batch(List.of(delegated))).post("/api/v1/captures").then().statusCode(200)
                    .body("results[0].status", equalTo("stored"));
        } finally {
            api.as(server.adminToken()).body(Map.of("allowDelegatedMailboxes", false)).patch("/api/v1/admin/policy")
                    .then().statusCode(200);
        }
    }

    @Test
    void a_customer_only_in_bcc_makes_it_a_customer_email_and_bcc_is_kept_as_such() {
        var sent = with(with(with(outboundEmail("bcc@mail.acme.com", "colleague@acme.com", "Bcc to the buyer"),
                "cc", List.of()), "bcc", List.of(person("buyer@hidden.com", "Hidden Buyer"))), "snippet", null);
        api.as(rep).body(batch(List.of(sent))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored"));
        assertEquals(1, server.count("select count(*) from interactions where subject = 'Bcc to the buyer' "
                + "and participants @> '[{\"email\": \"buyer@hidden.com\", \"role\": \"bcc\"}]'"));
        assertEquals(1, server.count("select count(*) from contacts where email = 'buyer@hidden.com' "
                + "and name = 'Hidden Buyer' and account_domain = 'hidden.com'"));
        api.as(rep).body(batch(List.of(with(sent, "bcc", List.of("buyer@hidden.com"))))).post("/api/v1/captures")
                .then().statusCode(200)
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].reason", startsWith("events[0].bcc[0]"));
    }
}
