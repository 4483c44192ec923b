package dev.shadowtap.capture;

import java.io.IOException;
import java.io.InputStream;

/**
 * A large reusable read buffer over a capture file or stream: readers ask for {@link #need n} bytes
 * at {@link #pos}, parse them in place in {@link #buf}, then {@link #advance}. Refills are big reads
 * that move the unread tail to the front; the buffer only grows for a record larger than itself.
 */
final class PcapFileInput {
    static final int DEFAULT_BUFFER = 1 << 20;

    private final InputStream in;
    byte[] buf;
    int pos;
    private int limit;
    private long bufferStart;
    private boolean eof;

    PcapFileInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** The offset in the file of {@link #pos}. */
    long offset() {
        return bufferStart + pos;
    }

    /** Bytes available at {@link #pos} after reading until {@code n} are there or the input ends. */
    int need(int n) throws IOException {
        if (limit - pos >= n) {
            return n;
        }
        if (buf.length - pos < n) {
            compact(n);
        }
        while (limit - pos < n && !eof) {
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return Math.min(n, limit - pos);
    }

    void advance(int n) {
        pos += n;
    }

    /** Skips {@code n} bytes, most of which may not be buffered; returns how many were there. */
    long skip(long n) throws IOException {
        long buffered = Math.min(n, limit - pos);
        pos += (int) buffered;
        long skipped = buffered;
        while (skipped < n && !eof) {
            int want = (int) Math.min(buf.length, n - skipped);
            bufferStart += limit;
            pos = 0;
            limit = 0;
            int read = in.read(buf, 0, want);
            if (read < 0) {
                eof = true;
            } else {
                limit = read;
                pos = read;
                skipped += read;
            }
        }
        return skipped;
    }

    private void compact(int n) {
        int unread = limit - pos;
        byte[] target = n > buf.length ? new byte[Math.max(n, buf.length * 2)] : buf;
        System.arraycopy(buf, pos, target, 0, unread);
        buf = target;
        bufferStart += pos;
        pos = 0;
        limit = unread;
    }
}
