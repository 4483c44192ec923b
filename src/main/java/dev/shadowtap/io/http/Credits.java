package dev.shadowtap.io.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code --output-http-queue-len}: how many requests may be queued or in flight at once. Like a
 * semaphore, except that a writer held back at the limit is woken only once a quarter of the limit
 * has come back, not at every response: at full speed a semaphore would wake (unpark and reschedule)
 * the writer once per request, which measured as a large share of the replay's CPU.
 */
final class Credits {
    private final int capacity;
    private final int lowWater;
    private final AtomicInteger used = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition enough = lock.newCondition();
    private volatile boolean waiting;

    Credits(int capacity) {
        this.capacity = capacity;
        this.lowWater = capacity - Math.max(1, capacity / 4);
    }

    /** Takes one credit, waiting at the limit until the credits in use are down to the low-water mark. */
    void acquire() throws InterruptedException {
        while (true) {
            int u = used.get();
            if (u < capacity) {
                if (used.compareAndSet(u, u + 1)) {
                    return;
                }
                continue;
            }
            lock.lockInterruptibly();
            try {
                waiting = true;
                while (used.get() > lowWater) {
                    enough.await(50, TimeUnit.MILLISECONDS); // timed: a safety net, the signal is the rule
                }
            } finally {
                waiting = false;
                lock.unlock();
            }
        }
    }

    /** Gives one credit back. */
    void release() {
        int u = used.decrementAndGet();
        if (u <= lowWater && waiting) {
            lock.lock();
            try {
                enough.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Credits in use: requests queued or in flight. */
    int used() {
        return used.get();
    }
}
