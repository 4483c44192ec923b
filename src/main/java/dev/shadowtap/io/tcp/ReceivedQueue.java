package dev.shadowtap.io.tcp;

import dev.shadowtap.pipeline.Message;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The records every connection of a TCP input has read, waiting for the pipeline; bounded in count
 * and payload bytes. A connection waits for room, so a slow pipeline slows the senders (TCP's own
 * flow control) rather than losing records here.
 */
final class ReceivedQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    private final int capacity;
    private final long maxBytes;
    private long bytes;

    ReceivedQueue(int capacity, long maxBytes) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    void put(Message message) throws InterruptedException {
        int size = message.payload().length;
        lock.lock();
        try {
            while (!messages.isEmpty() && (messages.size() >= capacity || bytes + size > maxBytes)) {
                room.await();
            }
            messages.addLast(message);
            bytes += size;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest record, waiting up to {@code nanos} for one; null when none came. */
    Message poll(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (messages.isEmpty()) {
                if (left <= 0) {
                    return null;
                }
                left = ready.awaitNanos(left);
            }
            Message message = messages.pollFirst();
            bytes -= message.payload().length;
            // one slot freed, one waiting connection goes on (waking all ten each time cost more than
            // the parsing); an empty queue lets any of them in
            if (messages.isEmpty()) {
                room.signalAll();
            } else {
                room.signal();
            }
            return message;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }
}
