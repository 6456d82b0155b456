package dev.quietlog.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What went wrong in one phase: failed requests (kept as a few samples) and rejected events (kept
 * by reason). Thread-safe: the open loop records from the HTTP client's threads.
 */
final class Errors {
    private static final int MAX_SAMPLES = 5;

    private final LongAdder count = new LongAdder();
    private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> rejectionReasons = new ConcurrentHashMap<>();

    void failed(String what) {
        count.increment();
        if (samples.size() < MAX_SAMPLES) {
            samples.add(what.length() > 600 ? what.substring(0, 600) + "…" : what);
        }
    }

    /** Counted as an error, but by reason: one missing feature should not print 10,000 lines. */
    void rejected(String reason) {
        count.increment();
        rejectionReasons.computeIfAbsent(withoutIndex(reason), k -> new LongAdder()).increment();
    }

    long count() {
        return count.sum();
    }

    List<String> samples() {
        return List.copyOf(samples);
    }

    Map<String, Long> rejectionReasons() {
        Map<String, Long> reasons = new TreeMap<>();
        rejectionReasons.forEach((k, v) -> reasons.put(k, v.sum()));
        return reasons;
    }

    /** "events[17].type: unsupported…" and "events[3].type: unsupported…" are the same reason. */
    private static String withoutIndex(String reason) {
        return reason.replaceFirst("^events\\[\\d+]", "events[i]");
    }
}
