package dev.shadowtap.io.file;

import dev.shadowtap.pipeline.Message;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The {@code --input-file-read-depth} window: holds up to {@code depth} records and gives back the
 * earliest, so records written slightly out of order come out in timestamp order. Records with equal
 * timestamps keep their file order.
 */
final class ReorderWindow {
    private record Held(Message message, long timestampNs, long sequence) {
    }

    /** Timestamp, then file order: one plain method (a chain of comparingLong lambdas showed in profiles). */
    private static final Comparator<Held> ORDER = (a, b) -> {
        int c = Long.compare(a.timestampNs, b.timestampNs);
        return c != 0 ? c : Long.compare(a.sequence, b.sequence);
    };

    private final int depth;
    private final PriorityQueue<Held> queue;
    private long sequence;

    ReorderWindow(int depth) {
        this.depth = Math.max(1, depth);
        this.queue = new PriorityQueue<>(Math.min(this.depth, 1024), ORDER);
    }

    boolean full() {
        return queue.size() >= depth;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    void add(Message message) {
        queue.add(new Held(message, message.timestampNs(), sequence++));
    }

    /** The earliest record held, or null when empty. */
    Message poll() {
        Held held = queue.poll();
        return held == null ? null : held.message();
    }

    void clear() {
        queue.clear();
    }
}
