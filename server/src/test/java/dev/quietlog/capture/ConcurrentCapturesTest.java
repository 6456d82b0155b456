package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.seenBy;
import static dev.quietlog.support.Events.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Many requests at once: one interaction per real email, and no deadlock on shared contacts. */
class ConcurrentCapturesTest extends ServerTest {
    static ExecutorService pool = Executors.newFixedThreadPool(100);

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    /** Runs the calls together, released at once, and returns their responses. */
    private static List<Response> together(List<Callable<Response>> calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (Callable<Response> c : calls) {
            futures.add(pool.submit(() -> {
                go.await();
                return c.call();
            }));
        }
        go.countDown();
        List<Response> out = new ArrayList<>();
        for (Future<Response> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    @Test
    void the_same_event_posted_by_100_concurrent_requests_is_one_interaction() throws Exception {
        String rep = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
        Map<String, Object> body = batch(List.of(outboundEmail("race@mail.acme.com", "carla@globex.com", "Race")));
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(() -> api.as(rep).body(body).post("/api/v1/captures"));
        }
        List<Response> responses = together(calls);
        long stored = responses.stream().filter(r -> {
            assertEquals(200, r.statusCode(), r.asString());
            return "stored".equals(r.path("results[0].status"));
        }).count();
        assertEquals(1, stored);
        assertEquals(1, responses.stream().map(r -> (String) r.path("results[0].interactionId")).distinct().count());
        assertEquals(1, server.count("select count(*) from interactions where subject = 'Race'"));
        assertEquals(1, server.count("select count(*) from interaction_keys"));
    }

    @Test
    void concurrent_batches_from_many_reps_sharing_contacts_all_succeed() throws Exception {
        int reps = 20;
        List<String> tokens = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            tokens.add(api.userWithToken("shared" + r + "@acme.com", "Rep " + r, "rep"));
        }
        List<Map<String, Object>> everyRep = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            everyRep.add(person("shared" + r + "@acme.com", null));
        }
        List<Callable<Response>> calls = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            String token = tokens.get(r);
            String repEmail = "shared" + r + "@acme.com";
            List<Map<String, Object>> events = new ArrayList<>();
            // Every batch touches the same 30 contacts in a different order, and 10 emails every rep captures.
            for (int k = 0; k < 30; k++) {
                int c = (k * 7 + r * 3) % 30;
                events.add(seenBy(repEmail, with(outboundEmail("own-" + r + "-" + k + "@mail.acme.com",
                        "contact" + c + "@account" + (c % 5) + ".com", "Batch " + r), "from", person(repEmail, null))));
            }
            for (int k = 0; k < 10; k++) {
                int m = (k + r) % 10;
                // Sent to every rep, so each may join the one interaction whoever captured it first.
                events.add(seenBy(repEmail, with(with(with(outboundEmail("shared-" + m + "@mail.globex.com", "rep@acme.com",
                        "Shared " + m), "direction", "inbound"), "to", everyRep),
                        "from", person("contact" + m + "@account" + (m % 5) + ".com", "Contact " + m))));
            }
            calls.add(() -> api.as(token).body(batch(events)).post("/api/v1/captures"));
        }
        for (Response r : together(calls)) {
            assertEquals(200, r.statusCode(), r.asString());
        }
        assertEquals(reps * 30 + 10, server.count("select count(*) from interactions where subject like 'Batch %' or subject like 'Shared %'"));
        assertEquals(reps * 10, server.count("select count(*) from interaction_links l join interactions i on i.id = l.interaction_id "
                + "where i.subject like 'Shared %'"));
        assertEquals(30, server.count("select count(*) from contacts where email like 'contact%'"));
        assertEquals(5, server.count("select count(*) from accounts where domain like 'account%'"));
    }
}
