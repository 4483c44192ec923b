package dev.shadowtap.http;

import java.util.Arrays;

/** A growable byte array with a cap: bytes past the cap are counted, not kept. */
final class FramingBuffer {
    private byte[] bytes = new byte[256];
    private int size;

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    /** Appends {@code b[off, off+len)}, keeping at most {@code cap} bytes in total. */
    void append(byte[] b, int off, int len, int cap) {
        int keep = Math.min(len, cap - size);
        if (keep <= 0) {
            return;
        }
        ensure(size + keep);
        System.arraycopy(b, off, bytes, size, keep);
        size += keep;
    }

    /**
     * Appends {@code b[p, ...)} up to and including the next LF, but not past {@code end} nor more than
     * {@code room} bytes; returns where it stopped. The line is complete when that byte was the LF
     * ({@link #endsLine}).
     */
    int appendLine(byte[] b, int p, int end, int room) {
        int limit = Math.min(end, p + room);
        int lf = HttpLines.indexOfLf(b, p, limit);
        int stop = lf < 0 ? limit : lf + 1;
        append(b, p, stop - p, Integer.MAX_VALUE);
        return stop;
    }

    /** Whether the bytes {@link #appendLine} took, ending at {@code stop}, ended a line. */
    static boolean endsLine(byte[] b, int p, int stop) {
        return stop > p && b[stop - 1] == '\n';
    }

    void append(byte c) {
        ensure(size + 1);
        bytes[size++] = c;
    }

    void ensure(int capacity) {
        if (capacity > bytes.length) {
            int doubled = (int) Math.min(Integer.MAX_VALUE - 8, bytes.length * 2L);
            bytes = Arrays.copyOf(bytes, Math.max(capacity, doubled));
        }
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Empties the buffer; drops a large backing array so one huge message does not pin memory. */
    void clear() {
        size = 0;
        if (bytes.length > 64 * 1024) {
            bytes = new byte[256];
        }
    }
}
