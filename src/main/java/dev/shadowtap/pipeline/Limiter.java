package dev.shadowtap.pipeline;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.InterimResponse;
import dev.shadowtap.core.StageStats;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Decides whether one message passes an address's {@link Limit}, counting every refusal on the
 * stage: {@link Limit.PerSecond} lets the first N requests of each one-second window through
 * ({@code rate-limit}), {@link Limit.Percent} lets each request through with probability N%
 * ({@code sampled-out}). A response is not a draw of its own: it follows its request's verdict
 * ({@link ResponseVerdicts}; dropped ones count as {@code rate-limit-response} or
 * {@code sampled-out-response}), so a sampled file or capture keeps every request it kept with its
 * original and replayed responses, as {@code --compare} needs (GoReplay draws per message and splits
 * them). A response whose request this limiter never saw passes. Time and randomness are injected so
 * tests can pin them. Thread-safe.
 */
public final class Limiter {
    private static final long SECOND_NS = 1_000_000_000L;
    /** Ids whose verdicts are remembered: a keep-alive connection's in GoReplay files, a request's in captures. */
    static final int MAX_TRACKED_IDS = 65_536;

    private final Limit limit;
    private final StageStats stats;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;
    private final ResponseVerdicts verdicts = new ResponseVerdicts(MAX_TRACKED_IDS);
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

    /**
     * True when {@code message} passes; false when it is dropped (and counted): a request spends the
     * limit, a response follows its request.
     */
    public synchronized boolean allow(Message message) {
        if (limit instanceof Limit.None || (limit instanceof Limit.Percent p && p.percent() >= 100)) {
            return true; // drops nothing: no verdict to remember
        }
        if (message.isRequest()) {
            boolean passes = allow();
            verdicts.request(message.id(), !passes);
            return passes;
        }
        if (verdicts.dropResponse(message.id(), message.type(), InterimResponse.startsPayload(message.payload()))) {
            stats.drop(responseReason());
            return false;
        }
        return true;
    }

    /** True when the next request passes; false when it is dropped (and counted). */
    public synchronized boolean allow() {
        return switch (limit) {
            case Limit.None none -> true;
            case Limit.PerSecond(long perSecond) -> count(withinRate(perSecond));
            case Limit.Percent percent -> count(sampled(percent.percent()));
        };
    }

    /** How many ids have remembered verdicts (at most {@value #MAX_TRACKED_IDS}). */
    public synchronized int trackedIds() {
        return verdicts.trackedIds();
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

    private boolean count(boolean passes) {
        if (!passes) {
            stats.drop(reason());
        }
        return passes;
    }

    private Reason reason() {
        return limit instanceof Limit.PerSecond ? Reason.RATE_LIMIT : Reason.SAMPLED_OUT;
    }

    private Reason responseReason() {
        return limit instanceof Limit.PerSecond ? Reason.RATE_LIMIT_RESPONSE : Reason.SAMPLED_OUT_RESPONSE;
    }
}
