package dev.quietlog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The load: one thread per simulated rep, each posting a batch, waiting for the answer and
 * posting the next one at once (a closed loop, like an extension draining a full outbox).
 *
 * <p>A batch belongs to the measured period when its answer arrives inside it, and throughput
 * is the events so answered divided by the period's length: in a closed loop as many batches
 * cross each edge of the period as leave it, so nothing is counted twice or dropped on average.
 * (Counting batches <em>sent</em> in the period and waiting for the last one would stretch the
 * period by one latency and understate throughput by that much.)
 */
final class LoadRunner {
    private static final int MAX_ERROR_SAMPLES = 5;
    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

    /** slices: events answered in each equal slice of the measured period, to show a trend (tables fill up). */
    record Result(long events, long batches, double seconds, Histogram latencyMicros, Map<String, Long> statuses,
                  int[] kinds, long[] slices, long errors, List<String> errorSamples,
                  Map<String, Long> rejectionReasons) {
    }

    private static final int SLICES = 6;

    private final URI captures;
    private final List<String> tokens;
    private final int batchSize;
    private final Duration warmup;
    private final Duration measured;
    private final Corpus corpus;
    private final long seed;
    private final ObjectMapper json;
    private final PrintStream progress;
    private final HttpClient http;

    private final LongAdder eventsAnswered = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> rejectionReasons = new ConcurrentHashMap<>();

    LoadRunner(URI base, List<String> tokens, int batchSize, Duration warmup, Duration measured, Corpus corpus,
               long seed, ObjectMapper json, PrintStream progress) {
        this.captures = base.resolve("/api/v1/captures");
        this.tokens = tokens;
        this.batchSize = batchSize;
        this.warmup = warmup;
        this.measured = measured;
        this.corpus = corpus;
        this.seed = seed;
        this.json = json;
        this.progress = progress;
        // HTTP/1.1 with one kept-alive connection per rep thread, as each browser holds its own.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    Result run() throws InterruptedException {
        EventFactory.Mailboxes mailboxes = new EventFactory.Mailboxes(tokens.size());
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureUntil = measureFrom + measured.toNanos();
        List<RepThread> reps = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            reps.add(new RepThread(i, new EventFactory(corpus, mailboxes, i, seed, json), measureFrom, measureUntil));
        }
        reps.forEach(Thread::start);
        watch(reps, start, measureFrom, measureUntil);
        for (RepThread r : reps) {
            r.join();
        }

        Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
        Map<String, Long> statuses = new TreeMap<>();
        int[] kinds = new int[EventFactory.Kind.values().length];
        long[] slices = new long[SLICES];
        long events = 0;
        long batches = 0;
        for (RepThread r : reps) {
            latency.add(r.latency);
            r.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
            for (int k = 0; k < kinds.length; k++) {
                kinds[k] += r.kinds[k];
            }
            for (int k = 0; k < SLICES; k++) {
                slices[k] += r.slices[k];
            }
            events += r.events;
            batches += r.batches;
        }
        double seconds = measured.toNanos() / 1e9;
        Map<String, Long> reasons = new TreeMap<>();
        rejectionReasons.forEach((k, v) -> reasons.put(k, v.sum()));
        return new Result(events, batches, seconds, latency, statuses, kinds, slices, errors.sum(),
                List.copyOf(errorSamples), reasons);
    }

    /** Progress on stderr about once a second, so a long run is visibly alive. */
    private void watch(List<RepThread> reps, long start, long measureFrom, long measureUntil)
            throws InterruptedException {
        long lastEvents = 0;
        long lastAt = start;
        while (reps.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(1000);
            long now = System.nanoTime();
            long total = eventsAnswered.sum();
            String phase = now < measureFrom ? "warmup" : now < measureUntil ? "measuring" : "finishing";
            progress.printf("  %5.1f s  %-9s  %,12d events answered  %,9.0f events/s  errors %d%n",
                    (now - start) / 1e9, phase, total, (total - lastEvents) / ((now - lastAt) / 1e9), errors.sum());
            lastEvents = total;
            lastAt = now;
        }
    }

    private void error(String what) {
        errors.increment();
        if (errorSamples.size() < MAX_ERROR_SAMPLES) {
            errorSamples.add(what.length() > 600 ? what.substring(0, 600) + "…" : what);
        }
    }

    /** One rep: its own token, its own events, its own statistics (merged once it is done, so no sharing). */
    private final class RepThread extends Thread {
        private final int rep;
        private final EventFactory factory;
        private final long measureFrom;
        private final long measureUntil;
        final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
        final Map<String, Long> statuses = new TreeMap<>();
        final int[] kinds = new int[EventFactory.Kind.values().length];
        final long[] slices = new long[SLICES];
        long events;
        long batches;

        RepThread(int rep, EventFactory factory, long measureFrom, long measureUntil) {
            super("rep-" + (rep + 1));
            this.rep = rep;
            this.factory = factory;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
        }

        @Override
        public void run() {
            while (true) {
                EventFactory.Batch batch = factory.next(batchSize);
                byte[] body = body(batch);
                long sentAt = System.nanoTime();
                if (sentAt >= measureUntil) {
                    return;
                }
                HttpResponse<byte[]> response;
                try {
                    response = http.send(HttpRequest.newBuilder(captures)
                            .timeout(Duration.ofSeconds(120))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + tokens.get(rep))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException e) {
                    error(getName() + ": " + e);
                    pause();
                    continue;
                } catch (InterruptedException e) {
                    return;
                }
                long answeredAt = System.nanoTime();
                boolean inMeasure = answeredAt >= measureFrom && answeredAt < measureUntil;
                if (response.statusCode() != 200) {
                    error(getName() + ": HTTP " + response.statusCode() + " " + new String(response.body()));
                    continue;
                }
                eventsAnswered.add(batch.size());
                factory.delivered(batch);
                if (inMeasure) {
                    latency.recordValue(Math.min(MAX_LATENCY_MICROS, (answeredAt - sentAt) / 1000));
                    events += batch.size();
                    batches++;
                    slices[(int) ((answeredAt - measureFrom) * SLICES / (measureUntil - measureFrom))] += batch.size();
                    for (int k = 0; k < kinds.length; k++) {
                        kinds[k] += batch.kinds[k];
                    }
                }
                countResults(response.body(), batch.size(), inMeasure);
            }
        }

        private byte[] body(EventFactory.Batch batch) {
            ObjectNode root = json.createObjectNode();
            root.putObject("client").put("name", "quietlog-bench").put("version", "1");
            root.set("events", batch.events);
            try {
                return json.writeValueAsBytes(root);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private void countResults(byte[] body, int sent, boolean inMeasure) {
            JsonNode results;
            try {
                results = json.readTree(body).path("results");
            } catch (IOException e) {
                error(getName() + ": 200 with a body that is not JSON: " + new String(body));
                return;
            }
            if (results.size() != sent) {
                error(getName() + ": " + sent + " events sent, " + results.size() + " results: " + new String(body));
            }
            for (JsonNode r : results) {
                String status = r.path("status").asText("?");
                if (status.equals("rejected")) {
                    // Counted as an error, but by reason: one missing feature should not print 10,000 lines.
                    errors.increment();
                    rejectionReasons.computeIfAbsent(withoutIndex(r.path("reason").asText()), k -> new LongAdder())
                            .increment();
                }
                if (inMeasure) {
                    statuses.merge(status, 1L, Long::sum);
                }
            }
        }

        private void pause() {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** "events[17].type: unsupported…" and "events[3].type: unsupported…" are the same reason. */
    private static String withoutIndex(String reason) {
        return reason.replaceFirst("^events\\[\\d+]", "events[i]");
    }
}
