package dev.shadowtap.pipeline;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Decides whether one message passes an address's {@link Limit}, counting every refusal on the
 * stage: {@link Limit.PerSecond} lets the first N of each one-second window through
 * ({@code rate-limit}), {@link Limit.Percent} lets each through with probability N%
 * ({@code sampled-out}). Time and randomness are injected so tests can pin them. Thread-safe.
 */
public final class Limiter {
    private static final long SECOND_NS = 1_000_000_000L;

    private final Limit limit;
    private final StageStats stats;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;
    private boolean windowOpen;
    private long windowStart;
    private long inWindow;

    public Limiter(Limit limit, StageStats stats, RandomGenerator random, LongSupplier nanoTime) {
        this.limit = limit;
        this.stats = stats;
        this.random = random;
        this.nanoTime = nanoTime;
    }

    /** A limiter on the system clock and a fresh random source. */
    public static Limiter of(Limit limit, StageStats stats) {
        return new Limiter(limit, stats, new SplittableRandom(), System::nanoTime);
    }

    public Limit limit() {
        return limit;
    }

    /** True when the next message passes; false when it is dropped (and counted). */
    public synchronized boolean allow() {
        return switch (limit) {
            case Limit.None none -> true;
            case Limit.PerSecond(long perSecond) -> count(withinRate(perSecond), "rate-limit");
            case Limit.Percent percent -> count(sampled(percent.percent()), "sampled-out");
        };
    }

    private boolean withinRate(long perSecond) {
        long now = nanoTime.getAsLong();
        if (!windowOpen || now - windowStart >= SECOND_NS) {
            windowStart = windowOpen ? now - (now - windowStart) % SECOND_NS : now;
            windowOpen = true;
            inWindow = 0;
        }
        if (inWindow < perSecond) {
            inWindow++;
            return true;
        }
        return false;
    }

    private boolean sampled(double percent) {
        return percent >= 100 || random.nextDouble() * 100 < percent;
    }

    private boolean count(boolean passes, String reason) {
        if (!passes) {
            stats.drop(reason);
        }
        return passes;
    }
}
