package dev.shadowtap.io.file;

import dev.shadowtap.pipeline.Message;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The {@code --input-file-read-depth} window: holds up to {@code depth} records and gives back the
 * earliest, so records written slightly out of order come out in timestamp order. Records with equal
 * timestamps keep their file order.
 * <p>
 * Files are nearly always in order already, so a record no earlier than the last one kept in order
 * goes to a FIFO lane (sorted by construction) and only the others to a heap; {@link #poll} takes the
 * earlier of the two heads. The same order as one priority queue, without its sift per record.
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
    /** Records in (timestamp, sequence) order: each appended one is no earlier than the one before. */
    private final ArrayDeque<Held> inOrder;
    /** The records that came earlier than the last one in {@link #inOrder}. */
    private final PriorityQueue<Held> late;
    private long sequence;

    ReorderWindow(int depth) {
        this.depth = Math.max(1, depth);
        this.inOrder = new ArrayDeque<>(Math.min(this.depth, 1024));
        this.late = new PriorityQueue<>(16, ORDER);
    }

    boolean full() {
        return size() >= depth;
    }

    boolean isEmpty() {
        return inOrder.isEmpty() && late.isEmpty();
    }

    int size() {
        return inOrder.size() + late.size();
    }

    void add(Message message) {
        Held held = new Held(message, message.timestampNs(), sequence++);
        Held last = inOrder.peekLast();
        if (last == null || held.timestampNs >= last.timestampNs) {
            inOrder.addLast(held);
        } else {
            late.add(held);
        }
    }

    /** The earliest record held, or null when empty. */
    Message poll() {
        Held first = inOrder.peekFirst();
        Held other = late.peek();
        Held held = other == null || (first != null && ORDER.compare(first, other) < 0) ? inOrder.pollFirst() : late.poll();
        return held == null ? null : held.message();
    }

    void clear() {
        inOrder.clear();
        late.clear();
    }
}
