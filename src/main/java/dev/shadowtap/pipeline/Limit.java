package dev.shadowtap.pipeline;

/**
 * The {@code |N} and {@code |N%} suffix of an input or output address. On {@code --input-file}
 * (and Kafka offsets) a percentage is a speed factor instead of a sampling rate.
 */
public sealed interface Limit {
    /** No suffix: everything passes. */
    record None() implements Limit {
    }

    /** {@code |N}: at most N messages a second; the rest are dropped and counted. */
    record PerSecond(long perSecond) implements Limit {
        public PerSecond {
            if (perSecond <= 0) {
                throw new IllegalArgumentException("a rate limit must be above 0, got " + perSecond);
            }
        }
    }

    /** {@code |N%}: each message passes with probability N% (a speed factor on file inputs). */
    record Percent(double percent) implements Limit {
        public Percent {
            if (!(percent >= 0) || Double.isInfinite(percent)) {
                throw new IllegalArgumentException("a percentage must be 0 or more, got " + percent);
            }
        }

        /** The speed factor a file input plays at: 200% is 2.0. */
        public double factor() {
            return percent / 100.0;
        }
    }

    Limit NONE = new None();
}
