package dev.quietlog.insights;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.inboundEmail;
import static dev.quietlog.support.Events.meeting;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.seenBy;
import static dev.quietlog.support.Events.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The per-rep and per-account daily rollups move with every capture: new mail, a meeting moved,
 * declined or cancelled, a second rep on the same email, a link removed. After each step they
 * equal a recomputation from the interactions themselves (rep_days, account_days, and the per-rep
 * totals per account and per contact that cold accounts and search read).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollupsFollowCapturesTest extends ServerTest {
    static String ann;
    static String bo;

    @BeforeAll
    static void reps() {
        ann = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
        bo = api.userWithToken("bo@acme.com", "Bo Rep", "rep");
    }

    private static Map<String, Object> declined(Map<String, Object> m) {
        Map<String, Object> me = person("rep@acme.com", "Ann Rep");
        me.put("response", "declined");
        Map<String, Object> other = person("carla@initech.com", "Carla");
        other.put("response", "accepted");
        return with(with(m, "organizer", person("carla@initech.com", "Carla")), "attendees", List.of(me, other));
    }

    private static long repDay(String email, String day, String column) {
        return server.count("select coalesce(sum(d." + column + "), 0) from rep_days d join users u on u.org_id = d.org_id "
                + "and u.id = d.user_id where u.email = ? and d.day = ?::date", email, day);
    }

    private static void rollupsEqualARecomputation() {
        long repMismatches = server.count("""
                with truth as (
                    select l.user_id, touch_day(i.occurred_at) as day,
                           count(*) filter (where i.kind = 'email' and l.direction = 'outbound') as eo,
                           count(*) filter (where i.kind = 'email' and l.direction = 'inbound') as ei,
                           count(*) filter (where i.kind = 'meeting' and f.counted) as m,
                           coalesce(sum(f.minutes), 0) as mins
                    from interactions i
                    join interaction_links l on l.org_id = i.org_id and l.interaction_id = i.id
                    join users u on u.org_id = l.org_id and u.id = l.user_id
                    cross join lateral touch_facts(i.kind, i.status, i.occurred_at, i.ends_at,
                                                   rep_meeting_response(i.participants, u.email)) f
                    group by 1, 2)
                select count(*) from rep_days d full join truth t on t.user_id = d.user_id and t.day = d.day
                where (coalesce(d.emails_out, 0), coalesce(d.emails_in, 0), coalesce(d.meetings, 0), coalesce(d.meeting_minutes, 0))
                      <> (coalesce(t.eo, 0), coalesce(t.ei, 0), coalesce(t.m, 0), coalesce(t.mins, 0))""");
        assertEquals(0, repMismatches, "rep_days differs from the interactions");
        long accountMismatches = server.count("""
                with truth as (
                    select ic.account_domain, touch_day(i.occurred_at) as day,
                           count(distinct i.id) filter (where i.kind = 'email') as e,
                           count(distinct i.id) filter (where i.kind = 'meeting') as m
                    from interactions i
                    join interaction_contacts ic on ic.org_id = i.org_id and ic.interaction_id = i.id
                    where ic.account_domain is not null and exists (
                          select 1 from interaction_links l join users u on u.org_id = l.org_id and u.id = l.user_id
                          cross join lateral touch_facts(i.kind, i.status, i.occurred_at, i.ends_at,
                                                         rep_meeting_response(i.participants, u.email)) f
                          where l.org_id = i.org_id and l.interaction_id = i.id and f.counted)
                    group by 1, 2)
                select count(*) from account_days d full join truth t on t.account_domain = d.account_domain and t.day = d.day
                where (coalesce(d.emails, 0), coalesce(d.meetings, 0)) <> (coalesce(t.e, 0), coalesce(t.m, 0))""");
        assertEquals(0, accountMismatches, "account_days differs from the interactions");
        // Who knows an account best (cold accounts): the touches that counted, per rep and account, all time.
        long repAccountMismatches = server.count("""
                with truth as (
                    select ic.account_domain, l.user_id, count(distinct i.id) as n
                    from interactions i
                    join interaction_links l on l.org_id = i.org_id and l.interaction_id = i.id
                    join users u on u.org_id = l.org_id and u.id = l.user_id
                    join interaction_contacts ic on ic.org_id = i.org_id and ic.interaction_id = i.id
                    cross join lateral touch_facts(i.kind, i.status, i.occurred_at, i.ends_at,
                                                   rep_meeting_response(i.participants, u.email)) f
                    where ic.account_domain is not null and f.counted
                    group by 1, 2)
                select count(*) from rep_accounts d full join truth t on t.account_domain = d.account_domain and t.user_id = d.user_id
                where coalesce(d.touches, 0) <> coalesce(t.n, 0)""");
        assertEquals(0, repAccountMismatches, "rep_accounts differs from the interactions");
        // Distinct accounts per rep over a range (team overview): each rep-day's accounts.
        long repDayAccountMismatches = server.count("""
                with truth as (
                    select l.user_id, touch_day(i.occurred_at) as day,
                           array_agg(distinct ic.account_domain order by ic.account_domain) as accounts
                    from interactions i
                    join interaction_links l on l.org_id = i.org_id and l.interaction_id = i.id
                    join users u on u.org_id = l.org_id and u.id = l.user_id
                    join interaction_contacts ic on ic.org_id = i.org_id and ic.interaction_id = i.id
                    cross join lateral touch_facts(i.kind, i.status, i.occurred_at, i.ends_at,
                                                   rep_meeting_response(i.participants, u.email)) f
                    where ic.account_domain is not null and f.counted
                    group by 1, 2),
                kept as (select * from rep_day_accounts where cardinality(accounts) > 0)
                select count(*) from kept d full join truth t on t.user_id = d.user_id and t.day = d.day
                where d.accounts is distinct from t.accounts""");
        assertEquals(0, repDayAccountMismatches, "rep_day_accounts differs from the interactions");
        // Whom search may show a manager: every interaction a rep is linked to, declined or cancelled too.
        long repContactMismatches = server.count("""
                with truth as (
                    select ic.email, l.user_id, count(distinct i.id) as n
                    from interactions i
                    join interaction_links l on l.org_id = i.org_id and l.interaction_id = i.id
                    join interaction_contacts ic on ic.org_id = i.org_id and ic.interaction_id = i.id
                    group by 1, 2)
                select count(*) from rep_contacts d full join truth t on t.email = d.email and t.user_id = d.user_id
                where coalesce(d.touches, 0) <> coalesce(t.n, 0)""");
        assertEquals(0, repContactMismatches, "rep_contacts differs from the interactions");
    }

    @Test
    @Order(1)
    void emails_and_attended_meetings_count_declined_and_cancelled_ones_do_not() {
        api.as(ann).body(batch(List.of(
                with(outboundEmail("r1@acme.com", "carla@initech.com", "Quote"), "cc", List.of(person("bo@acme.com", "Bo Rep"))),
                outboundEmail("r2@acme.com", "dan@initech.com", "Quote v2"),
                inboundEmail("r3@initech.com", "carla@initech.com", "rep@acme.com", "Re: Quote"),
                meeting("m-attended", "carla@initech.com", "2026-11-20T14:00:00Z", "2026-11-20T15:30:00Z"),
                declined(meeting("m-declined", "carla@initech.com", "2026-11-20T16:00:00Z", "2026-11-20T17:00:00Z")),
                with(meeting("m-cancelled", "carla@initech.com", "2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z"),
                        "status", "cancelled"))))
                .post("/api/v1/captures").then().statusCode(200);
        assertEquals(2, repDay("rep@acme.com", "2026-11-20", "emails_out"));
        assertEquals(1, repDay("rep@acme.com", "2026-11-20", "emails_in"));
        assertEquals(1, repDay("rep@acme.com", "2026-11-20", "meetings"));
        assertEquals(90, repDay("rep@acme.com", "2026-11-20", "meeting_minutes"));
        assertEquals(4, server.count("select emails + meetings from account_days where account_domain = 'initech.com'"));
        assertEquals(1, server.count("select count(*) from account_activity where account_domain = 'initech.com' "
                + "and last_day = '2026-11-20'"));
        rollupsEqualARecomputation();
    }

    @Test
    @Order(2)
    void a_moved_meeting_moves_its_hours_and_a_cancelled_one_takes_them_back() {
        var moved = with(with(meeting("m-attended", "carla@initech.com", "2026-11-24T14:00:00Z", "2026-11-24T15:00:00Z"),
                "sequence", 2), "updatedAt", "2026-11-21T08:00:00Z");
        api.as(ann).body(batch(List.of(moved))).post("/api/v1/captures").then().statusCode(200);
        assertEquals(0, repDay("rep@acme.com", "2026-11-20", "meetings"));
        assertEquals(1, repDay("rep@acme.com", "2026-11-24", "meetings"));
        assertEquals(60, repDay("rep@acme.com", "2026-11-24", "meeting_minutes"));
        assertEquals(1, server.count("select count(*) from account_activity where account_domain = 'initech.com' "
                + "and last_day = '2026-11-24'"));
        rollupsEqualARecomputation();

        api.as(ann).body(batch(List.of(with(with(moved, "status", "cancelled"), "sequence", 3))))
                .post("/api/v1/captures").then().statusCode(200);
        assertEquals(0, repDay("rep@acme.com", "2026-11-24", "meetings"));
        assertEquals(0, repDay("rep@acme.com", "2026-11-24", "meeting_minutes"));
        assertEquals(1, server.count("select count(*) from account_activity where account_domain = 'initech.com' "
                + "and last_day = '2026-11-20'"));
        rollupsEqualARecomputation();
    }

    @Test
    @Order(3)
    void an_email_two_reps_captured_counts_once_for_the_account_and_once_for_each_rep() {
        // Bo was in Cc: in his mailbox the same email is one he received.
        api.as(bo).body(batch(List.of(seenBy("bo@acme.com", with(with(outboundEmail("r1@acme.com", "carla@initech.com", "Quote"),
                        "cc", List.of(person("bo@acme.com", "Bo Rep"))), "direction", "inbound")))))
                .post("/api/v1/captures").then().statusCode(200).body("results[0].status", org.hamcrest.Matchers.equalTo("stored"));
        assertEquals(1, repDay("bo@acme.com", "2026-11-20", "emails_in"));
        assertEquals(3, server.count("select emails from account_days where account_domain = 'initech.com' and day = '2026-11-20'"));
        rollupsEqualARecomputation();
    }

    @Test
    @Order(4)
    void a_removed_link_or_interaction_takes_its_counts_with_it() {
        server.database().jdbi().useHandle(h -> h.execute("""
                delete from interaction_links l using users u
                where u.org_id = l.org_id and u.id = l.user_id and u.email = 'bo@acme.com'"""));
        assertEquals(0, repDay("bo@acme.com", "2026-11-20", "emails_in"));
        rollupsEqualARecomputation();
        server.database().jdbi().useHandle(h -> h.execute("""
                delete from interactions i using interaction_keys k
                where k.org_id = i.org_id and k.interaction_id = i.id and k.dedup_key = 'email:mid:r2@acme.com'"""));
        assertEquals(1, repDay("rep@acme.com", "2026-11-20", "emails_out"));
        assertEquals(2, server.count("select emails from account_days where account_domain = 'initech.com' and day = '2026-11-20'"));
        rollupsEqualARecomputation();
        // Bo has no interaction left: nothing of his stays behind for search or cold accounts.
        assertEquals(0, server.count("""
                select count(*) from (select user_id, touches from rep_contacts union all select user_id, touches from rep_accounts) x
                join users u on u.id = x.user_id where u.email = 'bo@acme.com' and x.touches <> 0"""));
        assertEquals(0, server.count("""
                select count(*) from rep_day_accounts x join users u on u.id = x.user_id
                where u.email = 'bo@acme.com' and cardinality(x.accounts) > 0"""));
    }
}
