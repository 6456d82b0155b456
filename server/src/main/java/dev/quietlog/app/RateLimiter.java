package dev.quietlog.app;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller (per access token): a steady rate per minute with a burst of a
 * tenth of a minute's worth. Kept in memory, so with several server copies each enforces its
 * own share; that bounds abuse without a shared store, which is all it is for.
 */
public final class RateLimiter {
    private final int perMinute;
    private final double capacity;
    private final Clock clock;
    private final ConcurrentHashMap<Object, Bucket> buckets = new ConcurrentHashMap<>();

    /** perMinute 0 turns limiting off. */
    public RateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.capacity = Math.max(1, perMinute / 10.0);
        this.clock = clock;
    }

    /** 0 when the call may go ahead, else the whole seconds to wait before trying again. */
    public long secondsUntilAllowed(Object caller) {
        if (perMinute <= 0) {
            return 0;
        }
        if (buckets.size() > 100_000) {
            buckets.clear(); // a crude bound on memory; refilled buckets lose nothing that matters
        }
        return buckets.computeIfAbsent(caller, k -> new Bucket(capacity, clock.millis())).take(this);
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized long take(RateLimiter limiter) {
            long now = limiter.clock.millis();
            double perMilli = limiter.perMinute / 60_000.0;
            tokens = Math.min(limiter.capacity, tokens + (now - updatedAt) * perMilli);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perMilli / 1000.0);
        }
    }
}
