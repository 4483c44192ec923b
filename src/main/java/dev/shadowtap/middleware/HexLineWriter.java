package dev.shadowtap.middleware;

import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.pipeline.Message;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes messages as {@link HexLine}s into one reusable buffer, which goes to the stream in large
 * writes when it is full and on {@link #flush()}: no array and no flush per line. Whoever calls it
 * flushes when it has nothing more to write at once, so that a program answering line by line gets
 * every line. Not thread-safe.
 */
final class HexLineWriter implements Flushable, Closeable {
    private final OutputStream out;
    private final byte[] buffer;
    private int used;
    private byte[] header = new byte[128];
    /** Lines whose last byte is in {@link #buffer}, not yet given to the stream. */
    private long buffered;
    /** Whole lines a failed write took with it, not yet taken by {@link #takeLost()}. */
    private long lost;

    /** {@code size}: the buffer's bytes, at least 2 (one digit pair). */
    HexLineWriter(OutputStream out, int size) {
        this.out = out;
        this.buffer = new byte[Math.max(2, size)];
    }

    /** Buffers the line of one message, writing out the buffer each time it fills. */
    void write(Message message) throws IOException {
        int max = GorWriter.maxHeaderLength(message);
        if (header.length < max) {
            header = new byte[max];
        }
        int h = GorWriter.header(message, header);
        put(header, h);
        put(message.payload(), message.payload().length);
        if (used == buffer.length) {
            drain();
        }
        buffer[used++] = '\n';
        buffered++;
    }

    /**
     * Whole lines of earlier messages that a failed write lost (the message being written when it
     * failed is not among them: its write threw); reset by the call.
     */
    long takeLost() {
        long n = lost;
        lost = 0;
        return n;
    }

    /** Gives the stream everything buffered, and flushes it. */
    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Flushes, then closes the stream (closed even when the flush fails). */
    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }

    private void put(byte[] src, int length) throws IOException {
        int from = 0;
        while (from < length) {
            int room = (buffer.length - used) / 2;
            if (room == 0) {
                drain();
                room = buffer.length / 2;
            }
            int n = Math.min(room, length - from);
            used = HexLine.encode(src, from, from + n, buffer, used);
            from += n;
        }
    }

    private void drain() throws IOException {
        if (used > 0) {
            int n = used;
            long lines = buffered;
            used = 0;
            buffered = 0;
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                lost += lines;
                throw e;
            }
        }
    }
}
