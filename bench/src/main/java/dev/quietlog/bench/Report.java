package dev.quietlog.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The figures a person reads at the end, against the goals the capture path is held to. */
final class Report {
    /** The capture path should turn at least this share of the raw COPY rate into answered events. */
    static final double RATIO_GOAL = 0.35;
    static final double P99_GOAL_MS = 100;

    private Report() {
    }

    static void mix(PrintStream out, int batch) {
        out.println("mix per batch (each event drawn independently, " + batch + " per batch):");
        for (EventFactory.Kind k : EventFactory.Kind.values()) {
            out.printf("  %3d%%  %-52s → %s%n", k.percent, k.description, k.expected);
        }
    }

    /** open: null when the open-loop phase was skipped. */
    static void print(PrintStream out, Main options, LoadRunner.Result load, OpenLoopRunner.Result open,
                      CopyCeiling.Result copy) {
        double eventsPerSecond = load.eventsPerSecond();
        Histogram h = load.latencyMicros();
        double p50 = h.getValueAtPercentile(50) / 1000.0;
        double p99 = h.getValueAtPercentile(99) / 1000.0;
        double max = h.getMaxValue() / 1000.0;

        out.println();
        out.printf("answered in the measured period: %,d events in %,d batches: %s%n", load.events(), load.batches(),
                kinds(load.kinds(), load.events()));
        out.printf("results: %s%n", statuses(load.statuses()));
        double slice = load.seconds() / load.slices().length;
        List<String> trend = new ArrayList<>();
        for (long n : load.slices()) {
            trend.add(String.format("%,.0f", n / slice));
        }
        out.printf("events/s in each %.0f s of the measured period: %s%n", slice, String.join(" → ", trend));
        problems(out, load.rejectionReasons(), load.errorSamples());
        if (open != null) {
            openLoop(out, open);
        }
        out.printf("COPY rows: %,d (avg %.1f B per row as stored; the load's interactions average %.1f B), "
                        + "%,d bytes of COPY text%n",
                copy.rows(), copy.avgRowBytes(), copy.storedAvgRowBytes(), copy.bytes());
        out.println();
        out.printf("capture: %,.0f events/s  (%d-event batches, %d reps, closed loop, %d s)   "
                        + "at saturation: p50 %.1f ms  p99 %.1f ms  max %.0f ms%n",
                eventsPerSecond, options.batch, options.reps, options.seconds, p50, p99, max);
        if (open != null) {
            out.println(latencyLine(open));
        } else {
            out.printf("latency: not measured (--no-open)   p99 goal < %.0f ms: not measured%n", P99_GOAL_MS);
        }
        out.printf("ceiling: raw COPY of rows of the same width into a plain table: %,.0f rows/s%n",
                copy.rowsPerSecond());
        double ratio = eventsPerSecond / copy.rowsPerSecond();
        out.printf("ratio:   %.2f of the COPY ceiling   (goal >= %.2f: %s)%n",
                ratio, RATIO_GOAL, ratio >= RATIO_GOAL ? "met" : "not met");
        long errors = load.errors() + (open == null ? 0 : open.errors());
        if (errors > 0) {
            out.printf("errors:  %,d (failed requests and rejected events, whole run: closed loop %,d, open loop %,d)%n",
                    errors, load.errors(), open == null ? 0 : open.errors());
        }
    }

    /** The open-loop phase in detail: what was offered, what came back, and whether the sender kept its schedule. */
    private static void openLoop(PrintStream out, OpenLoopRunner.Result open) {
        Histogram h = open.latencyMicros();
        out.printf("open loop: %,.0f events/s offered = %,.1f batches/s, each of %d reps every %.2f s "
                        + "(fixed interval, random phase), %.0f s%n",
                open.offeredEventsPerSecond(), open.batchesPerSecond(), open.reps(),
                open.reps() / open.batchesPerSecond(), open.seconds());
        out.printf("  sent %,d batches; answered 200: %,d batches, %,d events; achieved %,.0f events/s "
                        + "(answered inside the period)%n",
                open.batchesSent(), open.batches(), open.events(), open.achievedEventsPerSecond());
        out.printf("  results: %s%n", statuses(open.statuses()));
        out.printf("  latency per batch from its intended send time: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n",
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
        Histogram lag = open.sendLagMicros();
        out.printf("  load generator: requests left after their intended time by p50 %s  p99 %s  max %s "
                        + "(included in the latency); at most %,d in flight%n",
                ms(lag.getValueAtPercentile(50)), ms(lag.getValueAtPercentile(99)), ms(lag.getMaxValue()),
                open.peakInFlight());
        problems(out, open.rejectionReasons(), open.errorSamples());
    }

    private static String latencyLine(OpenLoopRunner.Result open) {
        String where = String.format("latency at an offered %,.0f events/s (%,.0f batches/s from %d reps, open loop, %.0f s):",
                open.offeredEventsPerSecond(), open.batchesPerSecond(), open.reps(), open.seconds());
        if (open.batches() == 0) {
            return String.format("%s no batch answered   p99 goal < %.0f ms: not measured", where, P99_GOAL_MS);
        }
        Histogram h = open.latencyMicros();
        double p99 = h.getValueAtPercentile(99) / 1000.0;
        return String.format("%s p50 %s  p99 %s  max %s   p99 goal < %.0f ms: %s", where,
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()),
                P99_GOAL_MS, p99 < P99_GOAL_MS ? "met" : "not met");
    }

    /** Whole milliseconds once they are many, a decimal below ten. */
    private static String ms(long micros) {
        double ms = micros / 1000.0;
        return ms >= 10 ? String.format("%,.0f ms", ms) : String.format("%.1f ms", ms);
    }

    private static void problems(PrintStream out, Map<String, Long> rejectionReasons, List<String> errorSamples) {
        if (!rejectionReasons.isEmpty()) {
            out.println("rejected, by reason (whole phase):");
            rejectionReasons.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(5)
                    .forEach(e -> out.printf("  %,9d  %s%n", e.getValue(), e.getKey()));
        }
        if (!errorSamples.isEmpty()) {
            out.println("failed requests (first " + errorSamples.size() + "):");
            errorSamples.forEach(s -> out.println("  " + s));
        }
    }

    private static String kinds(int[] counts, long total) {
        List<String> parts = new ArrayList<>();
        for (EventFactory.Kind k : EventFactory.Kind.values()) {
            parts.add(String.format("%s %.1f%%", shortName(k), 100.0 * counts[k.ordinal()] / Math.max(1, total)));
        }
        return String.join(", ", parts);
    }

    private static String shortName(EventFactory.Kind k) {
        return switch (k) {
            case NEW_EMAIL -> "new emails";
            case CROSS_REP_EMAIL -> "cross-rep";
            case RESENT -> "re-sends";
            case INTERNAL_EMAIL -> "internal";
            case MEETING -> "meetings";
        };
    }

    private static String statuses(Map<String, Long> statuses) {
        long total = statuses.values().stream().mapToLong(Long::longValue).sum();
        List<String> parts = new ArrayList<>();
        for (String s : List.of("stored", "updated", "duplicate", "skipped", "rejected")) {
            long n = statuses.getOrDefault(s, 0L);
            parts.add(String.format("%s %,d (%.1f%%)", s, n, 100.0 * n / Math.max(1, total)));
        }
        statuses.forEach((s, n) -> {
            if (!List.of("stored", "updated", "duplicate", "skipped", "rejected").contains(s)) {
                parts.add(String.format("%s %,d", s, n));
            }
        });
        return String.join(", ", parts);
    }
}
