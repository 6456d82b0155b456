package dev.quietlog.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated reps, shared by both load phases: each rep's token and its {@link EventFactory}.
 *
 * <p>The factories live as long as the run, not one phase: a rep's mail goes on where it left off,
 * so the open loop re-sends, copies colleagues and moves meetings from the closed loop's history.
 * Fresh factories from the same seed would send the closed loop's events again, all duplicates.
 *
 * <p>A factory is not thread-safe, and in the open loop a rep can have several requests in flight:
 * making a batch (rep's scheduler thread) and taking it as delivered (the HTTP client's thread)
 * are serialised per rep here.
 */
final class Reps {
    private final List<String> tokens;
    private final List<EventFactory> factories = new ArrayList<>();

    Reps(List<String> tokens, Corpus corpus, long seed, ObjectMapper json) {
        this.tokens = List.copyOf(tokens);
        EventFactory.Mailboxes mailboxes = new EventFactory.Mailboxes(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            factories.add(new EventFactory(corpus, mailboxes, i, seed, json));
        }
    }

    int size() {
        return tokens.size();
    }

    String token(int rep) {
        return tokens.get(rep);
    }

    EventFactory.Batch next(int rep, int size) {
        EventFactory f = factories.get(rep);
        synchronized (f) {
            return f.next(size);
        }
    }

    /** The server answered 200: later batches of this rep (and its colleagues) may build on it. */
    void delivered(int rep, EventFactory.Batch batch) {
        EventFactory f = factories.get(rep);
        synchronized (f) {
            f.delivered(batch);
        }
    }
}
