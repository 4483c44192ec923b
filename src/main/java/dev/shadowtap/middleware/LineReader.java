package dev.shadowtap.middleware;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads newline-ended lines from a stream, never holding more than {@code maxLine} bytes of one: a
 * longer line is read to its end and discarded, and only its first bytes are kept for the message
 * that reports it. A last line without a newline is still a line. Not thread-safe.
 */
final class LineReader {
    /** Bytes of a line kept to quote it in a message. */
    static final int PREFIX = 60;

    private final InputStream in;
    private final int maxLine;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[8192];
    private int length;
    private long number;
    private boolean tooLong;
    private long tooLongBytes;

    LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = Math.max(maxLine, PREFIX);
    }

    /** The line read by the last {@link #next()}; valid until the next call. */
    byte[] bytes() {
        return line;
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

    /** The full length of a too-long line. */
    long fullLength() {
        return tooLong ? tooLongBytes : length;
    }

    /** The first bytes of the line, printable, for a message. */
    String prefix() {
        int n = Math.min(length, PREFIX);
        StringBuilder s = new StringBuilder(n + 3);
        for (char c : new String(line, 0, n, StandardCharsets.ISO_8859_1).toCharArray()) {
            s.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return length > PREFIX || tooLong ? s + "..." : s.toString();
    }

    /** Reads the next line; false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        tooLong = false;
        tooLongBytes = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    if (any) {
                        number++;
                    }
                    return any;
                }
                pos = 0;
                limit = n;
            }
            any = true;
            int nl = indexOfNewline(pos, limit);
            int end = nl < 0 ? limit : nl;
            append(pos, end);
            pos = nl < 0 ? limit : nl + 1;
            if (nl >= 0) {
                number++;
                return true;
            }
        }
    }

    private void append(int from, int to) {
        int n = to - from;
        if (tooLong) {
            tooLongBytes += n;
            return;
        }
        if (length + n > maxLine) {
            tooLong = true;
            tooLongBytes = length + n;
            int keep = Math.min(PREFIX, length + n) - length;
            if (keep > 0) {
                System.arraycopy(buf, from, line, length, keep);
                length += keep;
            }
            length = Math.min(length, PREFIX);
            return;
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(maxLine, Math.max(length + n, 2L * line.length)));
        }
        System.arraycopy(buf, from, line, length, n);
        length += n;
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
