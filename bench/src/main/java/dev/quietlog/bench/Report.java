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

    static void print(PrintStream out, Main options, LoadRunner.Result load, CopyCeiling.Result copy) {
        double eventsPerSecond = load.events() / load.seconds();
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
        if (!load.rejectionReasons().isEmpty()) {
            out.println("rejected, by reason (whole run):");
            load.rejectionReasons().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(5)
                    .forEach(e -> out.printf("  %,9d  %s%n", e.getValue(), e.getKey()));
        }
        if (!load.errorSamples().isEmpty()) {
            out.println("failed requests (first " + load.errorSamples().size() + "):");
            load.errorSamples().forEach(s -> out.println("  " + s));
        }
        out.printf("COPY rows: %,d (avg %.1f B per row as stored; the load's interactions average %.1f B), "
                        + "%,d bytes of COPY text%n",
                copy.rows(), copy.avgRowBytes(), copy.storedAvgRowBytes(), copy.bytes());
        out.println();
        out.printf("capture: %,.0f events/s  (%d-event batches, %d reps, %d s)   p50 %.1f ms  p99 %.1f ms  max %.0f ms%n",
                eventsPerSecond, options.batch, options.reps, options.seconds, p50, p99, max);
        out.printf("ceiling: raw COPY of rows of the same width into a plain table: %,.0f rows/s%n",
                copy.rowsPerSecond());
        double ratio = eventsPerSecond / copy.rowsPerSecond();
        out.printf("ratio:   %.2f of the COPY ceiling   (goal >= %.2f: %s)   p99 goal < %.0f ms: %s%n",
                ratio, RATIO_GOAL, ratio >= RATIO_GOAL ? "met" : "not met",
                P99_GOAL_MS, p99 < P99_GOAL_MS ? "met" : "not met");
        if (load.errors() > 0) {
            out.printf("errors:  %,d (failed requests and rejected events, whole run)%n", load.errors());
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
