package dev.shadowtap.io.session;

import dev.shadowtap.core.SessionKey;
import dev.shadowtap.pipeline.Message;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The recorded connections at work, for a replay output that sends each on a connection of its own
 * ({@code --output-binary}; {@code --output-http} with {@code --recognize-tcp-sessions}): the requests
 * of one recorded connection ({@link SessionKey}: one id, or GoReplay 1.3's id prefix) go to the
 * target one after another, in the order they came, on a link of their own (a virtual thread per
 * session drives it while the session has work). {@code maxOpen} bounds the links open at once
 * (0: no bound): a session that needs one when all are taken closes the link of the session idle
 * longest, or waits until one closes. A link with nothing to send closes after {@code idle}. One
 * lock guards the table; each session waits on a condition of its own.
 *
 * @param <L> the link to the target a session holds (a connection), closed when the session ends
 */
public final class Sessions<L extends AutoCloseable> {
    /** What is done with each request of a session, on the session's thread. */
    public interface Work<L extends AutoCloseable> {
        /** Sends {@code request} and deals with its reply; may open, replace or close {@code session.link}. */
        void handle(Session<L> session, Message request) throws InterruptedException;

        /** The session's link closed because it had nothing to send (idle, made room, or the run stops). */
        void disconnected(Session<L> session);
    }

    /** One session's requests and the link they use; {@link #link} belongs to the session's thread. */
    public static final class Session<L extends AutoCloseable> {
        public final String key;
        final ArrayDeque<Message> queue = new ArrayDeque<>();
        final Condition wake;
        boolean running;
        boolean evicted;
        boolean holdsSlot;
        /** The session's link to the target: null until its work opens one, or after it closed it. */
        public L link;

        Session(String key, Condition wake) {
            this.key = key;
            this.wake = wake;
        }
    }

    private static final long SLOT_RECHECK_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFree = lock.newCondition();
    private final Condition allEnded = lock.newCondition();
    private final Map<String, Session<L>> sessions = new HashMap<>();
    /** Sessions with a connection and nothing to send, the longest idle first. */
    private final LinkedHashSet<Session<L>> idle = new LinkedHashSet<>();
    private final int maxOpen;
    private final long idleNs;
    private final Work<L> work;
    private final String threadName;
    private int open;
    private int queued;
    private boolean stopping;
    private long anonymous;

    /** {@code threadName}: the name of every session's thread. */
    public Sessions(int maxOpen, Duration idle, String threadName, Work<L> work) {
        this.maxOpen = maxOpen;
        this.idleNs = idle.toNanos();
        this.threadName = threadName;
        this.work = work;
    }

    /** Queues {@code request} behind the earlier ones of its id; false once stopping (not taken). */
    public boolean submit(Message request) {
        lock.lock();
        try {
            if (stopping) {
                return false;
            }
            String key = request.id().isEmpty() ? "\u0000" + (anonymous++) : SessionKey.of(request.id());
            Session<L> s = sessions.computeIfAbsent(key, k -> new Session<>(k, lock.newCondition()));
            s.queue.add(request);
            queued++;
            if (s.running) {
                s.wake.signal();
            } else {
                s.running = true;
                Thread.ofVirtual().name(threadName).start(() -> run(s));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void run(Session<L> s) {
        try {
            while (true) {
                Message request;
                lock.lock();
                try {
                    request = awaitWork(s);
                    if (request == null) {
                        end(s);
                        return;
                    }
                    if (!s.holdsSlot) {
                        acquireSlot();
                        s.holdsSlot = true;
                    }
                } finally {
                    lock.unlock();
                }
                try {
                    work.handle(s, request);
                } catch (RuntimeException e) {
                    // counted by the work; the session goes on with its next request
                } finally {
                    if (s.link == null) {
                        releaseSlot(s);
                    }
                }
            }
        } catch (InterruptedException e) {
            lock.lock();
            try {
                end(s);
            } finally {
                lock.unlock();
            }
        }
    }

    /** The session's next request, waiting while it is connected and idle; null when the session ends. */
    private Message awaitWork(Session<L> s) throws InterruptedException {
        long deadline = System.nanoTime() + idleNs;
        while (true) {
            Message m = s.queue.poll();
            if (m != null) {
                queued--;
                idle.remove(s);
                s.evicted = false;
                return m;
            }
            long left = deadline - System.nanoTime();
            if (s.link == null || s.evicted || stopping || left <= 0) {
                idle.remove(s);
                return null;
            }
            idle.add(s);
            s.wake.awaitNanos(left);
        }
    }

    /** Takes a connection slot, closing the longest idle connection when all are taken. Under the lock. */
    private void acquireSlot() throws InterruptedException {
        while (maxOpen > 0 && open >= maxOpen) {
            Session<L> victim = idle.isEmpty() ? null : idle.getFirst();
            if (victim != null) {
                idle.remove(victim);
                victim.evicted = true;
                victim.wake.signal();
            }
            slotFree.awaitNanos(SLOT_RECHECK_NS);
        }
        open++;
    }

    private void releaseSlot(Session<L> s) {
        lock.lock();
        try {
            if (s.holdsSlot) {
                s.holdsSlot = false;
                open--;
                slotFree.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The session has nothing left: its connection closes, its slot is free, its entry goes. Under the lock. */
    private void end(Session<L> s) {
        if (s.link != null) {
            try {
                s.link.close();
            } catch (Exception e) {
                // closing a connection that is done with: nothing to count or say
            }
            s.link = null;
            work.disconnected(s);
        }
        if (s.holdsSlot) {
            s.holdsSlot = false;
            open--;
            slotFree.signal();
        }
        idle.remove(s);
        s.running = false;
        if (s.queue.isEmpty()) {
            sessions.remove(s.key);
        } else {
            // requests came while it ended (only when interrupted): they are dropped by the caller's stop
            s.running = true;
            Thread.ofVirtual().name(threadName).start(() -> run(s));
        }
        if (sessions.isEmpty()) {
            allEnded.signalAll();
        }
    }

    /** Takes every queued request out (at a stop); requests in flight finish. */
    public List<Message> drain() {
        lock.lock();
        try {
            List<Message> all = new ArrayList<>();
            for (Session<L> s : sessions.values()) {
                all.addAll(s.queue);
                s.queue.clear();
            }
            queued = 0;
            return all;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops: nothing more is taken, idle connections close, and the sessions in flight end after their
     * request. Waits up to {@code wait} for every session to end; returns the requests still queued.
     */
    public List<Message> stop(Duration wait) throws InterruptedException {
        List<Message> unsent = drain();
        lock.lock();
        try {
            stopping = true;
            sessions.values().forEach(s -> s.wake.signal());
            long left = wait.toNanos();
            while (!sessions.isEmpty() && left > 0) {
                left = allEnded.awaitNanos(left);
            }
            unsent.addAll(drain());
            return unsent;
        } finally {
            lock.unlock();
        }
    }

    /** Requests queued behind the one in flight of their id. */
    public int queued() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** Connections open (or being opened). */
    public int open() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }
}
