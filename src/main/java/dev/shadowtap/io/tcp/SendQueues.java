package dev.shadowtap.io.tcp;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The records waiting for each connection of a TCP output, encoded, bounded in count per connection
 * and in bytes in all. A writer waits for room while a connection it may use is up or not yet tried,
 * at most {@code stallNanos}; the peer known down and no room is a drop ({@link Offer#PEER_DOWN}), a
 * peer up that took nothing for that long too ({@link Offer#STALLED}). A connection's head record
 * stays queued until it is written whole ({@link #sent}), so a broken connection sends it again.
 */
final class SendQueues {
    /** What became of an offered record. */
    enum Offer { QUEUED, PEER_DOWN, STALLED, CLOSED }

    /** A connection as the writers see it. */
    enum State { NOT_TRIED, UP, DOWN }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final Condition[] work;
    private final Condition closed = lock.newCondition();
    private final ArrayDeque<RecordEncoder.Encoded>[] queues;
    private final State[] states;
    private final boolean[] wakeups;
    private final long[] generations;
    private final int perConnection;
    private final long maxBytes;
    private final long stallNanos;
    private long bytes;
    private int queued;
    private int turn;
    private boolean closing;
    private long deadline;

    @SuppressWarnings("unchecked")
    SendQueues(int connections, int perConnection, long maxBytes, long stallNanos) {
        this.queues = new ArrayDeque[connections];
        this.work = new Condition[connections];
        for (int i = 0; i < connections; i++) {
            queues[i] = new ArrayDeque<>();
            work[i] = lock.newCondition();
        }
        this.states = new State[connections];
        java.util.Arrays.fill(states, State.NOT_TRIED);
        this.wakeups = new boolean[connections];
        this.generations = new long[connections];
        this.perConnection = perConnection;
        this.maxBytes = maxBytes;
        this.stallNanos = stallNanos;
    }

    int connections() {
        return queues.length;
    }

    /**
     * Queues {@code record} for connection {@code sticky}, or, when it is negative, for the next
     * connection in turn that is up and has room (else the next with room, when none is up).
     */
    Offer offer(RecordEncoder.Encoded record, int sticky) throws InterruptedException {
        long waitUntil = System.nanoTime() + stallNanos;
        lock.lock();
        try {
            while (true) {
                if (closing) {
                    return Offer.CLOSED;
                }
                int chosen = sticky >= 0 ? (hasRoom(sticky, record.length()) ? sticky : -1) : pick(record.length());
                if (chosen >= 0) {
                    queues[chosen].addLast(record);
                    bytes += record.length();
                    queued++;
                    work[chosen].signal();
                    return Offer.QUEUED;
                }
                if (!mayBecomeFree(sticky)) {
                    return Offer.PEER_DOWN;
                }
                long left = waitUntil - System.nanoTime();
                if (left <= 0) {
                    return Offer.STALLED;
                }
                room.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private int pick(int size) {
        int n = queues.length;
        for (boolean upOnly : new boolean[] {true, false}) {
            for (int k = 0; k < n; k++) {
                int i = (turn + k) % n;
                if ((!upOnly || states[i] != State.DOWN) && hasRoom(i, size)) {
                    turn = i + 1;
                    return i;
                }
            }
        }
        return -1;
    }

    private boolean hasRoom(int i, int size) {
        return queues[i].size() < perConnection && (bytes + size <= maxBytes || queued == 0);
    }

    /** True when a connection the record may take is up or not yet tried: its queue will empty. */
    private boolean mayBecomeFree(int sticky) {
        if (sticky >= 0) {
            return states[sticky] != State.DOWN;
        }
        for (State state : states) {
            if (state != State.DOWN) {
                return true;
            }
        }
        return false;
    }

    /**
     * Connection {@code i}'s head records, at least one, waiting for one, as many more as are queued
     * up to {@code maxBytes} in all, added to {@code into} (left queued until {@link #sent}); 0 when it
     * should stop sending: closing with its queue empty or past the deadline, or {@link #wake} was
     * called for it.
     */
    int next(int i, List<RecordEncoder.Encoded> into, int maxBytes) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (wakeups[i]) {
                    wakeups[i] = false;
                    return 0;
                }
                RecordEncoder.Encoded head = queues[i].peekFirst();
                if (closing && (head == null || System.nanoTime() - deadline >= 0)) {
                    return 0;
                }
                if (head != null) {
                    int n = 0;
                    long size = 0;
                    for (RecordEncoder.Encoded record : queues[i]) {
                        if (n > 0 && size + record.length() > maxBytes) {
                            break;
                        }
                        into.add(record);
                        size += record.length();
                        n++;
                    }
                    return n;
                }
                if (closing) {
                    work[i].awaitNanos(deadline - System.nanoTime());
                } else {
                    work[i].await();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Connection {@code i}'s first {@code count} records were written whole. */
    void sent(int i, int count) {
        lock.lock();
        try {
            for (int k = 0; k < count; k++) {
                RecordEncoder.Encoded head = queues[i].pollFirst();
                if (head == null) {
                    break;
                }
                bytes -= head.length();
                queued--;
            }
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes connection {@code i}'s {@link #next} return null once (its peer closed), if the connection
     * of {@code generation} is still the current one: a late word about an older connection is ignored.
     */
    void wake(int i, long generation) {
        lock.lock();
        try {
            if (generations[i] == generation) {
                wakeups[i] = true;
                work[i].signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sets connection {@code i}'s state; returns the generation of its connection (a new one when UP). */
    long state(int i, State state) {
        lock.lock();
        try {
            states[i] = state;
            if (state == State.UP) {
                generations[i]++;
                wakeups[i] = false; // a wake-up meant for the connection before
            }
            room.signalAll();
            return generations[i];
        } finally {
            lock.unlock();
        }
    }

    /** How many connections are up. */
    int up() {
        lock.lock();
        try {
            int up = 0;
            for (State state : states) {
                up += state == State.UP ? 1 : 0;
            }
            return up;
        } finally {
            lock.unlock();
        }
    }

    /** Records queued in all. */
    int depth() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new records; connections send what they hold until {@code deadlineNanos} ({@link System#nanoTime}). */
    void close(long deadlineNanos) {
        lock.lock();
        try {
            closing = true;
            deadline = deadlineNanos;
            for (Condition c : work) {
                c.signalAll();
            }
            closed.signalAll();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean closing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    /** Nanoseconds left before the closing deadline (a large number while not closing). */
    long nanosLeft() {
        lock.lock();
        try {
            return closing ? deadline - System.nanoTime() : Long.MAX_VALUE;
        } finally {
            lock.unlock();
        }
    }

    /** True when connection {@code i} has nothing left to send. */
    boolean empty(int i) {
        lock.lock();
        try {
            return queues[i].isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos}, less when closing begins or ends its deadline; for back-off. */
    void pause(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long until = System.nanoTime() + nanos;
            boolean wasClosing = closing;
            while (true) {
                long left = Math.min(until - System.nanoTime(), closing ? deadline - System.nanoTime() : Long.MAX_VALUE);
                if (left <= 0 || closing != wasClosing) {
                    return;
                }
                closed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Empties every queue; returns how many records were left. */
    int clear() {
        lock.lock();
        try {
            int left = queued;
            for (ArrayDeque<RecordEncoder.Encoded> queue : queues) {
                queue.clear();
            }
            queued = 0;
            bytes = 0;
            room.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }
}
