package dev.shadowtap.tcp;

import java.util.ArrayList;

/**
 * The connections of one reassembler that wait for a gap to fill: a direction holds out-of-order
 * data or a FIN beyond a gap. Keeps how much they hold in total and when the oldest wait expires, and
 * gives gaps up through the reassembler's {@link GapSkip} when they waited the expire time or when
 * room is needed. An index in each connection makes joining and leaving O(1), without allocating.
 */
final class WaitingConnections {
    private static final Direction[] DIRECTIONS = Direction.values();

    /** How the reassembler reports a direction's first gap as lost and delivers what follows it. */
    @FunctionalInterface
    interface GapSkip {
        void skip(TcpConnection c, Direction d, TcpStream st, GapReason reason);
    }

    private final ArrayList<TcpConnection> waiting = new ArrayList<>();
    private final TcpStats stats;
    private final long expireNs;
    private final GapSkip skip;
    private long heldBytes;
    private long nextCheckNs = Long.MAX_VALUE;

    WaitingConnections(TcpStats stats, long expireNs, GapSkip skip) {
        this.stats = stats;
        this.expireNs = expireNs;
        this.skip = skip;
    }

    /** Out-of-order bytes all connections hold now. */
    long heldBytes() {
        return heldBytes;
    }

    /** {@code n} more bytes are held. */
    void held(int n) {
        stats.held(n);
        heldBytes += n;
    }

    /** {@code n} held bytes were delivered or dropped. */
    void release(long n) {
        heldBytes -= n;
        stats.released(n);
    }

    /** {@code c} holds something that arrived at {@code ts}; its wait expires {@code expireNs} later. */
    void join(TcpConnection c, long ts, long nowNs) {
        if (c.waitingIndex < 0) {
            c.waitingIndex = waiting.size();
            waiting.add(c);
        }
        nextCheckNs = Math.min(nextCheckNs, Math.min(ts, nowNs) + expireNs);
    }

    /** A direction of {@code c} dropped what it held: {@code c} leaves once neither direction waits. */
    void leaveIfDone(TcpConnection c) {
        if (!c.waiting() && c.waitingIndex >= 0) {
            int i = c.waitingIndex;
            TcpConnection last = waiting.removeLast();
            if (last != c) {
                waiting.set(i, last);
                last.waitingIndex = i;
            }
            c.waitingIndex = -1;
        }
    }

    /** Reports the gaps whose data has waited at least the expire time, if any is due; plans the next check. */
    void expire(long nowNs) {
        if (nowNs < nextCheckNs) {
            return;
        }
        long next = Long.MAX_VALUE;
        for (int i = waiting.size() - 1; i >= 0; i--) {
            if (i >= waiting.size()) {
                continue;
            }
            TcpConnection c = waiting.get(i);
            for (Direction d : DIRECTIONS) {
                TcpStream st = c.stream(d);
                while (st.held != null && !c.closed() && nowNs - st.held.oldestTimeNs() >= expireNs) {
                    skip.skip(c, d, st, GapReason.EXPIRED);
                }
                if (st.held != null) {
                    next = Math.min(next, st.held.oldestTimeNs() + expireNs);
                }
            }
        }
        nextCheckNs = next;
    }

    /** Skips the first gap of the direction holding the oldest out-of-order data; false if none holds any. */
    boolean skipOldest() {
        TcpConnection oldest = null;
        Direction oldestDirection = null;
        long oldestTime = Long.MAX_VALUE;
        for (TcpConnection w : waiting) {
            for (Direction d : DIRECTIONS) {
                HeldData h = w.stream(d).held;
                if (h != null && !h.isEmpty() && h.oldestTimeNs() <= oldestTime) {
                    oldest = w;
                    oldestDirection = d;
                    oldestTime = h.oldestTimeNs();
                }
            }
        }
        if (oldest == null) {
            return false;
        }
        skip.skip(oldest, oldestDirection, oldest.stream(oldestDirection), GapReason.HELD_LIMIT);
        return true;
    }
}
