package dev.shadowtap.io.http;

import java.util.concurrent.TimeUnit;

/**
 * The replay loop's timers: request deadlines, the {@code Expect: 100-continue} wait, idle expiry and
 * the pool's wait clock, kept as the one earliest moment the loop must look at them again (a timer per
 * request would be an allocation and a heap operation each). No clock of its own: time comes in.
 */
final class LoopTimers {
    /** The longest select when no timer is due (a stop or new work wakes it earlier). */
    static final long MAX_SELECT_MILLIS = 1000;

    /** What is due on one connection when the timers are looked at. */
    enum Due { NOTHING, DEADLINE, BODY, IDLE }

    /** When the timers must next be looked at; meaningful only while {@code set}. */
    private long next;
    private boolean set;

    /** Makes the timers due at {@code atNanos} at the latest. */
    void at(long atNanos) {
        if (!set || atNanos - next < 0) {
            next = atNanos;
            set = true;
        }
    }

    /** Whether the timers are due at {@code nowNanos}; if so they are cleared, to be set again by {@link #check}. */
    boolean due(long nowNanos) {
        if (set && nowNanos - next >= 0) {
            set = false;
            return true;
        }
        return false;
    }

    /** How long the loop may select at {@code nowNanos} before a timer is due. */
    long selectMillis(long nowNanos) {
        return !set ? MAX_SELECT_MILLIS : Math.max(1, Math.min(MAX_SELECT_MILLIS,
                TimeUnit.NANOSECONDS.toMillis(next - nowNanos) + 1));
    }

    /**
     * What is due on {@code c} at {@code nowNanos}: its exchange's deadline, the body its 100-continue
     * wait held back, or its close when idle above the pool's minimum past the worker timeout. What is
     * not due yet sets the timer; the caller sets it again for what it does with a due body.
     */
    Due check(LoopConnection c, long nowNanos, PoolPolicy<LoopConnection> pool) {
        LoopExchange ex = c.exchange;
        if (ex != null) {
            if (nowNanos - ex.deadlineNanos >= 0) {
                return Due.DEADLINE;
            }
            if (ex.continueAtNanos != 0 && nowNanos - ex.continueAtNanos >= 0 && c.connected) {
                return Due.BODY;
            }
            at(ex.nextTimerNanos());
        } else if (pool.aboveMin()) {
            if (pool.idleExpired(c.lastUsedNanos, nowNanos)) {
                return Due.IDLE;
            }
            at(pool.idleUntil(c.lastUsedNanos));
        }
        return Due.NOTHING;
    }
}
