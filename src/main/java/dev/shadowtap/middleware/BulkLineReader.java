package dev.shadowtap.middleware;

import dev.shadowtap.http.HttpLines;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads newline-ended lines from a stream in large reads and hands each out where it lies in its
 * buffer, never copied: the buffer holds a whole line, the partial one at its end moved to its
 * start when room runs low. A line longer than {@code maxLine} is read to its end and discarded;
 * only its first bytes are kept, to quote it. So the buffer never grows past
 * {@code max(initial, maxLine + READ_ROOM + 1)} bytes. A last line without a newline is still a line.
 * Not thread-safe.
 */
final class BulkLineReader {
    /** Bytes of a line kept to quote it in a message. */
    static final int PREFIX = 60;
    /** The least room a read is given: below it, the partial line moves to the start or the buffer grows. */
    static final int READ_ROOM = 1 << 14;

    private final InputStream in;
    private final int maxLine;
    private byte[] buf;
    /** Start of the unread bytes (the next line's start). */
    private int pos;
    private int limit;
    private int start;
    private int length;
    private long number;
    private boolean tooLong;
    private long fullLength;
    private final byte[] prefix = new byte[PREFIX];

    BulkLineReader(InputStream in, int maxLine, int initialSize) {
        this.in = in;
        this.maxLine = Math.max(maxLine, PREFIX);
        this.buf = new byte[Math.max(initialSize, 2 * READ_ROOM)];
    }

    /** The array holding the line read by the last {@link #next()}; valid until the next call. */
    byte[] bytes() {
        return tooLong ? prefix : buf;
    }

    /** Where the line starts in {@link #bytes()}. */
    int offset() {
        return tooLong ? 0 : start;
    }

    /** Its length (without the newline); for a too-long line, the length of the kept prefix. */
    int length() {
        return length;
    }

    /** Its number, from 1. */
    long number() {
        return number;
    }

    /** True when the line was longer than {@code maxLine}: only a prefix is kept. */
    boolean tooLong() {
        return tooLong;
    }

    /** The full length of the line, the too-long one included. */
    long fullLength() {
        return tooLong ? fullLength : length;
    }

    /** The buffer's size now (it grows for long lines, within its bound). */
    int capacity() {
        return buf.length;
    }

    /** The first bytes of the line, printable, for a message. */
    String prefix() {
        int n = Math.min(length, PREFIX);
        StringBuilder s = new StringBuilder(n + 3);
        for (char c : new String(bytes(), offset(), n, StandardCharsets.ISO_8859_1).toCharArray()) {
            s.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return length > PREFIX || tooLong ? s + "..." : s.toString();
    }

    /** Reads the next line; false at the end of the stream. */
    boolean next() throws IOException {
        tooLong = false;
        int scan = pos;
        while (true) {
            int nl = HttpLines.indexOfLf(buf, scan, limit);
            if (nl >= 0) {
                return line(pos, nl, nl + 1);
            }
            if (limit - pos > maxLine) {
                return skipLong();
            }
            scan = limit;
            if (buf.length - limit < READ_ROOM) {
                int moved = makeRoom();
                scan -= moved;
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                return limit > pos && line(pos, limit, limit);
            }
            limit += n;
        }
    }

    private boolean line(int from, int to, int next) {
        pos = next;
        number++;
        if (to - from > maxLine) { // whole in the buffer, yet over the limit all the same
            tooLong = true;
            System.arraycopy(buf, from, prefix, 0, PREFIX);
            length = PREFIX;
            fullLength = to - from;
            return true;
        }
        start = from;
        length = to - from;
        return true;
    }

    /** Moves the partial line to the buffer's start, or grows the buffer when it starts there; returns how far it moved. */
    private int makeRoom() {
        int moved = pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (buf.length - limit < READ_ROOM) {
            long bound = (long) maxLine + READ_ROOM + 1;
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.min(bound, 2L * buf.length)));
        }
        return moved;
    }

    /** The line at pos is over maxLine: keeps its prefix, reads it to its end. */
    private boolean skipLong() throws IOException {
        tooLong = true;
        System.arraycopy(buf, pos, prefix, 0, PREFIX);
        length = PREFIX;
        fullLength = limit - pos;
        number++;
        pos = 0;
        limit = 0;
        while (true) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                return true;
            }
            int nl = HttpLines.indexOfLf(buf, 0, n);
            if (nl >= 0) {
                fullLength += nl;
                pos = nl + 1;
                limit = n;
                return true;
            }
            fullLength += n;
        }
    }
}
