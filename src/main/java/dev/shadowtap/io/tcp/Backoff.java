package dev.shadowtap.io.tcp;

import java.time.Duration;

/**
 * Bounded exponential back-off between connection attempts: the first wait is {@code first}, each
 * failure doubles it up to {@code max}, and a success starts again from {@code first}. Not shared
 * between threads: one per connection.
 */
final class Backoff {
    private final long firstNanos;
    private final long maxNanos;
    private long nextNanos;
    private int failures;

    Backoff(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < first <= max");
        }
        this.firstNanos = first.toNanos();
        this.maxNanos = max.toNanos();
        this.nextNanos = firstNanos;
    }

    /** The wait after one more failure. */
    Duration failed() {
        long wait = nextNanos;
        nextNanos = Math.min(maxNanos, nextNanos * 2);
        failures++;
        return Duration.ofNanos(wait);
    }

    /** Failures since the last success. */
    int failures() {
        return failures;
    }

    void succeeded() {
        nextNanos = firstNanos;
        failures = 0;
    }
}
