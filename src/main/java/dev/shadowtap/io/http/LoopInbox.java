package dev.shadowtap.io.http;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests handed to the replay loop by submitting threads, and whether the loop sleeps: a request
 * wakes it only when the pool says the loop could do something for it ({@link PoolPolicy#wakes}), so
 * a busy loop is not woken per request.
 */
final class LoopInbox {
    private final ConcurrentLinkedQueue<LoopExchange> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sleeping = new AtomicBoolean();

    /** Any thread: queues {@code ex}; true when the caller must wake the loop (this call took it out of its sleep). */
    boolean add(LoopExchange ex, PoolPolicy<?> pool) {
        queue.add(ex);
        int waiting = queued.incrementAndGet();
        int open = pool.open();
        return sleeping.get() && pool.wakes(waiting, open) && sleeping.compareAndSet(true, false);
    }

    /** The oldest request waiting, or null. */
    LoopExchange poll() {
        LoopExchange ex = queue.poll();
        if (ex != null) {
            queued.decrementAndGet();
        }
        return ex;
    }

    /** Requests waiting. */
    int size() {
        return queued.get();
    }

    /** The loop is about to select: from now a request may have to wake it. */
    void sleep() {
        sleeping.set(true);
    }

    /** The loop is awake: no request needs to wake it. */
    void awake() {
        sleeping.set(false);
    }
}
