package dev.shadowtap.http;

import java.util.Arrays;

/**
 * For {@code --input-raw-allow-incomplete}: the bytes of one direction since the end of its last
 * framed message, so a message that a TCP gap cuts short can still be emitted as far as it arrived.
 * Holds at most {@code cap} bytes (head limit plus {@code --copy-buffer-size}); the stream offsets
 * are the framer's.
 */
final class PartialMessage {
    private final int cap;
    private byte[] buf = new byte[4096];
    private int size;
    private long start;

    PartialMessage(int cap) {
        this.cap = cap;
    }

    /** Bytes the framer is about to be fed. */
    void append(byte[] b, int off, int len) {
        int n = Math.min(len, cap - size);
        if (n <= 0) {
            return;
        }
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(cap, Math.max(size + n, 2L * buf.length)));
        }
        System.arraycopy(b, off, buf, size, n);
        size += n;
    }

    /** The framer completed a message ending at stream offset {@code end}: forget the bytes before it. */
    void consumed(long end) {
        int drop = (int) Math.min(size, Math.max(0, end - start));
        System.arraycopy(buf, drop, buf, 0, size - drop);
        size -= drop;
        start += drop;
        if (size == 0) {
            start = end;
        }
    }

    /** The stream lost bytes; the next byte fed is at {@code position}. */
    void restartAt(long position) {
        size = 0;
        start = position;
    }

    /** The bytes kept from stream offset {@code from} on, or null when they are not held. */
    byte[] from(long from) {
        if (from < start || from - start >= size) {
            return null;
        }
        return Arrays.copyOfRange(buf, (int) (from - start), size);
    }
}
