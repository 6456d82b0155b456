package dev.quietlog.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The closed-loop phase: one thread per simulated rep, each posting a batch, waiting for the answer
 * and posting the next one at once (like an extension draining a full outbox). It measures the
 * throughput at saturation; its latency is queueing (every rep always has a batch waiting), so it
 * says little about what a rep sees at a real load — {@link OpenLoopRunner} measures that.
 *
 * <p>A batch belongs to the measured period when its answer arrives inside it, and throughput
 * is the events so answered divided by the period's length: in a closed loop as many batches
 * cross each edge of the period as leave it, so nothing is counted twice or dropped on average.
 * (Counting batches <em>sent</em> in the period and waiting for the last one would stretch the
 * period by one latency and understate throughput by that much.)
 */
final class LoadRunner {
    static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

    /** slices: events answered in each equal slice of the measured period, to show a trend (tables fill up). */
    record Result(long events, long batches, double seconds, Histogram latencyMicros, Map<String, Long> statuses,
                  int[] kinds, long[] slices, long errors, List<String> errorSamples,
                  Map<String, Long> rejectionReasons) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private static final int SLICES = 6;

    private final Reps reps;
    private final Captures captures;
    private final int batchSize;
    private final Duration warmup;
    private final Duration measured;
    private final PrintStream progress;

    private final LongAdder eventsAnswered = new LongAdder();
    private final Errors errors = new Errors();

    LoadRunner(Reps reps, Captures captures, int batchSize, Duration warmup, Duration measured, PrintStream progress) {
        this.reps = reps;
        this.captures = captures;
        this.batchSize = batchSize;
        this.warmup = warmup;
        this.measured = measured;
        this.progress = progress;
    }

    Result run() throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureUntil = measureFrom + measured.toNanos();
        List<RepThread> threads = new ArrayList<>();
        for (int i = 0; i < reps.size(); i++) {
            threads.add(new RepThread(i, measureFrom, measureUntil));
        }
        threads.forEach(Thread::start);
        watch(threads, start, measureFrom, measureUntil);
        for (RepThread r : threads) {
            r.join();
        }

        Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
        Map<String, Long> statuses = new TreeMap<>();
        int[] kinds = new int[EventFactory.Kind.values().length];
        long[] slices = new long[SLICES];
        long events = 0;
        long batches = 0;
        for (RepThread r : threads) {
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
        return new Result(events, batches, seconds, latency, statuses, kinds, slices, errors.count(),
                errors.samples(), errors.rejectionReasons());
    }

    /** Progress on stderr about once a second, so a long run is visibly alive. */
    private void watch(List<RepThread> threads, long start, long measureFrom, long measureUntil)
            throws InterruptedException {
        long lastEvents = 0;
        long lastAt = start;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(1000);
            long now = System.nanoTime();
            long total = eventsAnswered.sum();
            String phase = now < measureFrom ? "warmup" : now < measureUntil ? "measuring" : "finishing";
            progress.printf("  %5.1f s  %-9s  %,12d events answered  %,9.0f events/s  errors %d%n",
                    (now - start) / 1e9, phase, total, (total - lastEvents) / ((now - lastAt) / 1e9), errors.count());
            lastEvents = total;
            lastAt = now;
        }
    }

    /** One rep: its own token, its own events, its own statistics (merged once it is done, so no sharing). */
    private final class RepThread extends Thread {
        private final int rep;
        private final long measureFrom;
        private final long measureUntil;
        final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
        final Map<String, Long> statuses = new TreeMap<>();
        final int[] kinds = new int[EventFactory.Kind.values().length];
        final long[] slices = new long[SLICES];
        long events;
        long batches;

        RepThread(int rep, long measureFrom, long measureUntil) {
            super("rep-" + (rep + 1));
            this.rep = rep;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
        }

        @Override
        public void run() {
            while (true) {
                EventFactory.Batch batch = reps.next(rep, batchSize);
                var request = captures.request(reps.token(rep), batch);
                long sentAt = System.nanoTime();
                if (sentAt >= measureUntil) {
                    return;
                }
                HttpResponse<byte[]> response;
                try {
                    response = captures.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException e) {
                    errors.failed(getName() + ": " + e);
                    pause();
                    continue;
                } catch (InterruptedException e) {
                    return;
                }
                long answeredAt = System.nanoTime();
                boolean inMeasure = answeredAt >= measureFrom && answeredAt < measureUntil;
                if (response.statusCode() != 200) {
                    errors.failed(getName() + ": HTTP " + response.statusCode() + " " + new String(response.body()));
                    continue;
                }
                eventsAnswered.add(batch.size());
                reps.delivered(rep, batch);
                if (inMeasure) {
                    latency.recordValue(Math.min(MAX_LATENCY_MICROS, (answeredAt - sentAt) / 1000));
                    events += batch.size();
                    batches++;
                    slices[(int) ((answeredAt - measureFrom) * SLICES / (measureUntil - measureFrom))] += batch.size();
                    for (int k = 0; k < kinds.length; k++) {
                        kinds[k] += batch.kinds[k];
                    }
                }
                Map<String, Long> results = captures.results(getName(), response.body(), batch.size(), errors);
                if (inMeasure) {
                    results.forEach((k, v) -> statuses.merge(k, v, Long::sum));
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
}
