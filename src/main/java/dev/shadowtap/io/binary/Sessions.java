package dev.shadowtap.io.binary;

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
 * The recorded connections at work: requests of one recorded connection ({@link SessionKey}: one id,
 * or GoReplay 1.3's id prefix) go to the target one after another, in the order they came, on a connection of their own (a virtual thread per id drives it while the id
 * has work). {@code maxOpen} bounds the connections open at once ({@code --output-binary-workers}):
 * an id that needs one when all are taken closes the connection of the id idle longest, or waits
 * until one closes. A connection with nothing to send closes after {@code idle}. One lock guards the
 * table; each session waits on a condition of its own.
 */
final class Sessions {
    /** What is done with each request of a session, on the session's thread. */
    interface Work {
        /** Sends {@code request} and deals with its reply; may open, replace or close {@code session.link}. */
        void handle(Session session, Message request) throws InterruptedException;

        /** The session's connection closed because it had nothing to send (idle, made room, or the run stops). */
        void disconnected(Session session);
    }

    /** One id's requests and the connection they use; {@link #link} belongs to the session's thread. */
    static final class Session {
        final String key;
        final ArrayDeque<Message> queue = new ArrayDeque<>();
        final Condition wake;
        boolean running;
        boolean evicted;
        boolean holdsSlot;
        TargetLink link;

        Session(String key, Condition wake) {
            this.key = key;
            this.wake = wake;
        }
    }

    private static final long SLOT_RECHECK_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFree = lock.newCondition();
    private final Condition allEnded = lock.newCondition();
    private final Map<String, Session> sessions = new HashMap<>();
    /** Sessions with a connection and nothing to send, the longest idle first. */
    private final LinkedHashSet<Session> idle = new LinkedHashSet<>();
    private final int maxOpen;
    private final long idleNs;
    private final Work work;
    private int open;
    private int queued;
    private boolean stopping;
    private long anonymous;

    Sessions(int maxOpen, Duration idle, Work work) {
        this.maxOpen = maxOpen;
        this.idleNs = idle.toNanos();
        this.work = work;
    }

    /** Queues {@code request} behind the earlier ones of its id; false once stopping (not taken). */
    boolean submit(Message request) {
        lock.lock();
        try {
            if (stopping) {
                return false;
            }
            String key = request.id().isEmpty() ? "\u0000" + (anonymous++) : SessionKey.of(request.id());
            Session s = sessions.computeIfAbsent(key, k -> new Session(k, lock.newCondition()));
            s.queue.add(request);
            queued++;
            if (s.running) {
                s.wake.signal();
            } else {
                s.running = true;
                Thread.ofVirtual().name("output-binary-session").start(() -> run(s));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void run(Session s) {
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
    private Message awaitWork(Session s) throws InterruptedException {
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
            Session victim = idle.isEmpty() ? null : idle.getFirst();
            if (victim != null) {
                idle.remove(victim);
                victim.evicted = true;
                victim.wake.signal();
            }
            slotFree.awaitNanos(SLOT_RECHECK_NS);
        }
        open++;
    }

    private void releaseSlot(Session s) {
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
    private void end(Session s) {
        if (s.link != null) {
            s.link.close();
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
            Thread.ofVirtual().name("output-binary-session").start(() -> run(s));
        }
        if (sessions.isEmpty()) {
            allEnded.signalAll();
        }
    }

    /** Takes every queued request out (at a stop); requests in flight finish. */
    List<Message> drain() {
        lock.lock();
        try {
            List<Message> all = new ArrayList<>();
            for (Session s : sessions.values()) {
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
    List<Message> stop(Duration wait) throws InterruptedException {
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
    int queued() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** Connections open (or being opened). */
    int open() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }
}
