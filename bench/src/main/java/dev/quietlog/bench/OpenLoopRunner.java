package dev.quietlog.bench;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * The open-loop phase: the latency a rep sees at a given load. The reps send on a schedule,
 * whatever the server is doing, as real reps do: nobody's mail waits for someone else's upload.
 *
 * <p>Schedule: the offered rate is split evenly, so each rep sends one batch every
 * {@code reps × batch / rate} seconds, at a fixed interval from a random phase (seeded) so the
 * reps do not fire together. Fixed intervals rather than Poisson arrivals: the offered load is
 * then exactly the one asked for and runs compare; a hundred reps' phases already spread the
 * arrivals over each interval.
 *
 * <p>Latency is measured from the <em>intended</em> send time to the answer. Each request is sent
 * with {@code sendAsync} and the sender goes on to its next slot, so a slow answer never delays
 * the next send (a rep may have several requests in flight; the HTTP client opens connections
 * as needed). Were the sender to wait, a stall would hold back the very requests that should
 * measure it and hide it from the percentiles (coordinated omission). A sender that wakes late
 * (CPU contention) is charged for it too; the report shows that lag so it can be told apart.
 *
 * <p>The measured batches are those due inside the period, each waited for to its answer; the
 * achieved rate counts the events answered inside the period, so it falls below the offered one
 * when the server does not keep up (and by one latency over the period's length when it does).
 */
final class OpenLoopRunner {
    record Result(double offeredEventsPerSecond, int reps, int batchSize, double seconds, long batchesSent,
                  long batches, long events, long eventsAnsweredInPeriod, Histogram latencyMicros,
                  Map<String, Long> statuses, Histogram sendLagMicros, int peakInFlight, long errors,
                  List<String> errorSamples, Map<String, Long> rejectionReasons) {
        double batchesPerSecond() {
            return offeredEventsPerSecond / batchSize;
        }

        double achievedEventsPerSecond() {
            return eventsAnsweredInPeriod / seconds;
        }
    }

    private final Reps reps;
    private final Captures captures;
    private final int batchSize;
    private final double eventsPerSecond;
    private final Duration period;
    private final long seed;
    private final PrintStream progress;

    private final Histogram latency = new SynchronizedHistogram(LoadRunner.MAX_LATENCY_MICROS, 3);
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Errors errors = new Errors();
    private final LongAdder sent = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder eventsInPeriod = new LongAdder();
    /** How late each request left against its intended time: the load generator's share of the latency. */
    private final Histogram sendLag = new SynchronizedHistogram(LoadRunner.MAX_LATENCY_MICROS, 3);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    /** Notified when the last request in flight is answered, so the end of the phase is not a polling second late. */
    private final Object idle = new Object();

    OpenLoopRunner(Reps reps, Captures captures, int batchSize, double eventsPerSecond, Duration period, long seed,
                   PrintStream progress) {
        this.reps = reps;
        this.captures = captures;
        this.batchSize = batchSize;
        this.eventsPerSecond = eventsPerSecond;
        this.period = period;
        this.seed = seed;
        this.progress = progress;
    }

    Result run() throws InterruptedException {
        long interval = Math.max(1, Math.round(reps.size() * (double) batchSize / eventsPerSecond * 1e9));
        long start = System.nanoTime();
        long end = start + period.toNanos();
        Random phases = new Random(seed);
        List<Thread> senders = new ArrayList<>();
        for (int rep = 0; rep < reps.size(); rep++) {
            int r = rep;
            long first = start + phases.nextLong(interval);
            senders.add(new Thread(() -> send(r, first, interval, end), "open-rep-" + (rep + 1)));
        }
        senders.forEach(Thread::start);
        watch(senders, start, end);

        Map<String, Long> byStatus = new TreeMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
        return new Result(eventsPerSecond, reps.size(), batchSize, period.toNanos() / 1e9, sent.sum(), batches.sum(),
                events.sum(), eventsInPeriod.sum(), latency.copy(), byStatus, sendLag.copy(),
                peakInFlight.get(), errors.count(), errors.samples(), errors.rejectionReasons());
    }

    /** One rep's sender: a batch at each of its slots, never waiting for an answer. */
    private void send(int rep, long first, long interval, long end) {
        String who = "open-rep-" + (rep + 1);
        for (long due = first; due < end; due += interval) {
            if (!sleepUntil(due)) {
                return;
            }
            EventFactory.Batch batch = reps.next(rep, batchSize);
            var request = captures.request(reps.token(rep), batch);
            sendLag.recordValue(Math.min(LoadRunner.MAX_LATENCY_MICROS, (System.nanoTime() - due) / 1000));
            peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sent.increment();
            long intended = due;
            captures.http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((response, failure) -> answered(who, rep, batch, intended, end, response, failure));
        }
        synchronized (idle) {
            idle.notifyAll(); // the last sender done with nothing in flight: the phase is over
        }
    }

    private void answered(String who, int rep, EventFactory.Batch batch, long intended, long end,
                          HttpResponse<byte[]> response, Throwable failure) {
        long answeredAt = System.nanoTime();
        try {
            if (failure != null) {
                errors.failed(who + ": " + (failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure));
                return;
            }
            if (response.statusCode() != 200) {
                errors.failed(who + ": HTTP " + response.statusCode() + " " + new String(response.body()));
                return;
            }
            reps.delivered(rep, batch);
            latency.recordValue(Math.min(LoadRunner.MAX_LATENCY_MICROS, (answeredAt - intended) / 1000));
            batches.increment();
            events.add(batch.size());
            if (answeredAt < end) {
                eventsInPeriod.add(batch.size());
            }
            captures.results(who, response.body(), batch.size(), errors)
                    .forEach((k, v) -> statuses.computeIfAbsent(k, x -> new LongAdder()).add(v));
        } finally {
            if (inFlight.decrementAndGet() == 0) {
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        }
    }

    /** Progress on stderr once a second until every sender is done and every request answered. */
    private void watch(List<Thread> senders, long start, long end) throws InterruptedException {
        long nextTick = start + TimeUnit.SECONDS.toNanos(1);
        long lastEvents = 0;
        long lastAt = start;
        while (true) {
            boolean sending = senders.stream().anyMatch(Thread::isAlive);
            if (!sending && inFlight.get() == 0) {
                return;
            }
            long now = System.nanoTime();
            if (now >= nextTick) {
                long total = events.sum();
                progress.printf("  %5.1f s  %-9s  %,12d events answered  %,9.0f events/s  in flight %d  errors %d%n",
                        (now - start) / 1e9, now < end ? "open loop" : "draining", total,
                        (total - lastEvents) / ((now - lastAt) / 1e9), inFlight.get(), errors.count());
                lastEvents = total;
                lastAt = now;
                nextTick += TimeUnit.SECONDS.toNanos(1);
                continue;
            }
            synchronized (idle) {
                if (sending || inFlight.get() > 0) {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - now)));
                }
            }
        }
    }

    /** False when interrupted. */
    private static boolean sleepUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }
}
