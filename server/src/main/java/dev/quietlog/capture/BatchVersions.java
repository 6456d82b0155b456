package dev.quietlog.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks, for each email or meeting a batch names more than once, the one event to write. An
 * offline rep's outbox uploads oldest first, but nothing guarantees it: of a meeting's versions
 * the newest (sequence, else last-modified) wins wherever it sits in the batch, and of equal
 * versions the later one. The others are kept, for the meeting's version history.
 */
final class BatchVersions {
    private final Map<String, PreparedInteraction> winners = new LinkedHashMap<>();
    private final List<PreparedInteraction> superseded = new ArrayList<>();

    void offer(PreparedInteraction p) {
        PreparedInteraction earlier = winners.get(p.dedupKey());
        if (earlier == null) {
            winners.put(p.dedupKey(), p);
        } else if (p.meeting() != null && p.meeting().version().isOlderThan(earlier.meeting().version())) {
            superseded.add(p);
        } else {
            winners.put(p.dedupKey(), p);
            superseded.add(earlier);
        }
    }

    boolean isEmpty() {
        return winners.isEmpty();
    }

    List<PreparedInteraction> winners() {
        return new ArrayList<>(winners.values());
    }

    List<PreparedInteraction> superseded() {
        return superseded;
    }
}
