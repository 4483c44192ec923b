package dev.shadowtap.io.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The replay loop's connection pool as decisions, with no I/O and no clock of its own (time comes in
 * as {@code nowNanos}): which connection a waiting request takes, when a new one may open, when the
 * pool grows and when an idle one closes. It keeps the pool's members ({@code C} is the loop's
 * connection; a test uses anything) and the wait clock. Called by the loop's thread; {@link #open()}
 * and {@link #wakes} are read by submitting threads to decide whether to wake the loop.
 */
final class PoolPolicy<C> {
    /**
     * How long a request may wait for a connection before one more is opened for it, beyond GoReplay's
     * rule: a paced replay to a slow target keeps its pace, while a quick target, whose connections
     * free up sooner than this, stays on a few connections.
     */
    static final long GROW_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final int min;
    private final int max;
    private final long idleNanos;
    /** Idle connections, the most recently used first: a request takes the first, so the hot ones stay hot. */
    private final ArrayDeque<C> idle = new ArrayDeque<>();
    private final List<C> all = new ArrayList<>();
    private int connecting;
    /** Since when requests have waited with no connection to take them (below the most allowed); 0 when none. */
    private long waitingSince;
    /** Whether {@link #waitingSince} is running: while it is, a new request need not wake the loop. */
    private volatile boolean waitClock;
    /** While the loop sleeps: whether it had a connection for any new request (else only growth wakes it). */
    private volatile boolean wakeForAny;
    private volatile int open;

    /**
     * @param min       connections always kept ({@code --output-http-workers-min})
     * @param max       most connections, open or being opened
     * @param idleNanos how long a connection above {@code min} may stay idle
     */
    PoolPolicy(int min, int max, long idleNanos) {
        this.min = min;
        this.max = max;
        this.idleNanos = idleNanos;
    }

    /** The connection a waiting request takes: the most recently used idle one, or null when none is idle. */
    C takeIdle() {
        return idle.pollFirst();
    }

    /** {@code c} is idle again (or was taken and not used): first in line. */
    void idle(C c) {
        idle.addFirst(c);
    }

    /** Whether a request waiting at {@code nowNanos} may go now: on an idle connection or a new one. */
    boolean canTakeWork(int waiting, long nowNanos) {
        return !idle.isEmpty() || mayOpen(waiting, nowNanos);
    }

    /**
     * Whether a waiting request may open a new connection: up to {@code min} always; beyond, as
     * GoReplay grows its workers, only while more requests wait than there are connections, and with at
     * most half as many again still connecting. A paced replay to a quick target so stays on a few
     * connections, a burst or a slow target gets more within a few round trips, and nothing opens a
     * connection per queued request at once. Past GoReplay's rule, one more whenever requests have
     * waited {@link #GROW_AFTER_NANOS} for a connection.
     */
    boolean mayOpen(int waiting, long nowNanos) {
        int n = all.size();
        if (n >= max) {
            return false;
        }
        if (n < min) {
            return true;
        }
        return connecting < Math.max(1, n / 2)
                && (waiting > n || (waitingSince != 0 && nowNanos - waitingSince >= GROW_AFTER_NANOS));
    }

    /** A request found no connection at {@code nowNanos}: the wait clock starts, unless running or at the most. */
    void noConnection(long nowNanos) {
        if (waitingSince == 0 && all.size() < max) {
            waitingSince = nowNanos;
            waitClock = true;
        }
    }

    /** A request got a connection, or none waits: whoever still waits starts a new clock. */
    void stopWaitClock() {
        waitingSince = 0;
        waitClock = false;
    }

    /** Whether the wait clock runs; then the loop must look again at {@link #growAtNanos()}. */
    boolean waitClockRunning() {
        return waitingSince != 0;
    }

    /** When the waiting requests may open one more connection (meaningful while the wait clock runs). */
    long growAtNanos() {
        return waitingSince + GROW_AFTER_NANOS;
    }

    /** A new connection joined the pool, connected already or still connecting. */
    void opened(C c, boolean connected) {
        all.add(c);
        open = all.size();
        if (!connected) {
            connecting++;
        }
    }

    /** A connection that was connecting is connected. */
    void connected() {
        connecting--;
    }

    /** {@code c} left the pool (closed); {@code connected} says whether it had finished connecting. */
    void forget(C c, boolean connected) {
        if (all.remove(c)) {
            open = all.size();
            if (!connected) {
                connecting--;
            }
        }
        idle.remove(c);
    }

    /** Whether the pool is above its minimum: only then do idle connections expire. */
    boolean aboveMin() {
        return all.size() > min;
    }

    /** When a connection last used at {@code lastUsedNanos} expires, if the pool is above its minimum. */
    long idleUntil(long lastUsedNanos) {
        return lastUsedNanos + idleNanos;
    }

    /** Whether a connection idle since {@code lastUsedNanos} should close at {@code nowNanos} (above the minimum). */
    boolean idleExpired(long lastUsedNanos, long nowNanos) {
        return nowNanos - idleUntil(lastUsedNanos) >= 0;
    }

    /** The loop is about to sleep: a new request wakes it for sure only while a connection is idle. */
    void sleeping() {
        wakeForAny = !idle.isEmpty();
    }

    /**
     * Any thread: whether a new request, {@code waiting} now queued with {@code open} connections, must
     * wake the sleeping loop. With a connection idle, any request; with every connection busy, one that
     * lets the pool grow (more waiting than connections) or starts the wait clock, so a slow target gets
     * its connections while requests arrive, not when a response comes back.
     */
    boolean wakes(int waiting, int open) {
        return wakeForAny || (open < max && (waiting > open || !waitClock));
    }

    /** Connections open or being opened (any thread). */
    int open() {
        return open;
    }

    int size() {
        return all.size();
    }

    C get(int i) {
        return all.get(i);
    }
}
