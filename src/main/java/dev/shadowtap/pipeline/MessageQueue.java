package dev.shadowtap.pipeline;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue of messages between two threads, bounded by a count and by payload bytes, that both sides
 * can move in batches: a producer queues what it gathered under one lock, the consumer takes all that
 * waits under one lock. A queue of single messages costs a lock and a shared counter or two per
 * message, and each of them moves between the two threads' cores; here that is paid per batch.
 *
 * <p>The byte budget holds a message's payload from the moment it is queued until the consumer
 * {@link #release}s it (after writing it, say), not only while it waits. A message always fits an
 * empty queue with nothing held, whatever its size. Many producers, one consumer.
 */
public final class MessageQueue {
    private final int capacity;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Message> items;
    /** Payload bytes queued or taken and not yet released. */
    private long held;
    /** Forced markers still queued, by identity: not counted in {@link #size}. */
    private final Set<Message> forced = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile int size;

    /** At most {@code capacity} messages queued and {@code maxBytes} of payload held. */
    public MessageQueue(int capacity, long maxBytes) {
        this.capacity = Math.max(1, capacity);
        this.maxBytes = maxBytes;
        this.items = new ArrayDeque<>(Math.min(this.capacity, 1 << 12));
    }

    /** The payload bytes a message holds. */
    public static int bytesOf(Message message) {
        return message.payload().length;
    }

    /** Messages queued now, not counting a {@link #force}d marker (the depth a user reads, within the capacity). */
    public int size() {
        return size;
    }

    /** Queues the message if it fits now; never waits. */
    public boolean offer(Message message) {
        lock.lock();
        try {
            if (!fits(message)) {
                return false;
            }
            add(message);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues the message, waiting up to the timeout for room; false when there was none. */
    public boolean offer(Message message, long timeout, TimeUnit unit) throws InterruptedException {
        long left = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (!fits(message)) {
                if (left <= 0) {
                    return false;
                }
                left = notFull.awaitNanos(left);
            }
            add(message);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a message past both bounds (an end marker that must get in); never waits. */
    public void force(Message message) {
        lock.lock();
        try {
            forced.add(message);
            add(message);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues, in order, each message of the batch that fits and adds those that did not to
     * {@code refused}; never waits. Returns how many were queued.
     */
    public int offerFitting(List<Message> batch, Collection<Message> refused) {
        int queued = 0;
        lock.lock();
        try {
            for (int i = 0; i < batch.size(); i++) {
                Message message = batch.get(i);
                if (fits(message)) {
                    add(message);
                    queued++;
                } else {
                    refused.add(message);
                }
            }
            if (queued > 0) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
        return queued;
    }

    /**
     * Moves up to {@code max} queued messages into {@code into}, waiting up to {@code waitMillis} (0: not
     * at all, negative: without end) while none is queued; returns how many it moved. Their bytes
     * stay held until {@link #release}d.
     */
    public int take(Collection<Message> into, int max, long waitMillis) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (items.isEmpty()) {
                if (waitMillis < 0) {
                    notEmpty.await();
                } else if (left > 0) {
                    left = notEmpty.awaitNanos(left);
                } else {
                    return 0;
                }
            }
            return moveTo(into, max);
        } finally {
            lock.unlock();
        }
    }

    private int moveTo(Collection<Message> into, int max) {
        int n = 0;
        while (n < max && !items.isEmpty()) {
            Message message = items.poll();
            if (!forced.isEmpty()) {
                forced.remove(message);
            }
            into.add(message);
            n++;
        }
        countSize();
        return n;
    }

    /** Moves up to {@code max} queued messages into {@code into} without waiting; returns how many. */
    public int poll(Collection<Message> into, int max) {
        lock.lock();
        try {
            return moveTo(into, max);
        } finally {
            lock.unlock();
        }
    }

    /** The consumer is done with messages holding {@code bytes} of payload: room for more. */
    public void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        lock.lock();
        try {
            held -= bytes;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes a queued message back (it still had to be written), releasing its bytes; false when it was gone. */
    public boolean remove(Message message) {
        lock.lock();
        try {
            if (!items.removeFirstOccurrence(message)) {
                return false;
            }
            held -= bytesOf(message);
            forced.remove(message);
            countSize();
            notFull.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean fits(Message message) {
        if (items.isEmpty() && held == 0) {
            return true;
        }
        return items.size() < capacity && held + bytesOf(message) <= maxBytes;
    }

    private void add(Message message) {
        items.add(message);
        held += bytesOf(message);
        countSize();
    }

    private void countSize() {
        size = items.size() - forced.size();
    }
}
