package dev.shadowtap.http;

/**
 * A head over the limit, read on to its end without keeping it: only its start line and its length
 * headers (Content-Length, Transfer-Encoding, and their obs-fold continuations) are kept, in a small
 * head of their own, so that the framer still knows where the message's body ends and skips it
 * exactly: the message costs itself only, and the one after it is framed from its first byte.
 * Gives up ({@link #failed}) when the start line is not whole within the limit or a length header is
 * longer than {@value #MAX_LENGTH_LINE} bytes; the framer then resynchronises as for any error.
 */
final class OversizedHead {
    static final int MAX_LENGTH_LINE = 4096;
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final int maxKept;
    private final FramingBuffer kept = new FramingBuffer();
    private final FramingBuffer current = new FramingBuffer();
    private boolean currentOverflow;
    private boolean lastKept;
    private boolean done;
    private boolean failed;

    /** @param maxKept bound of the kept head (the framer's head limit): many length headers are no excuse to grow */
    OversizedHead(int maxKept) {
        this.maxKept = maxKept;
    }

    /**
     * Takes over from the first {@code size} bytes of a head that reached the limit; false (and
     * nothing kept) when they hold no whole start line.
     */
    boolean begin(byte[] h, int size) {
        kept.clear();
        current.clear();
        currentOverflow = false;
        lastKept = false;
        done = false;
        failed = false;
        int lf = HttpLines.indexOfLf(h, 0, size);
        if (lf < 0) {
            return false;
        }
        kept.append(h, 0, lf + 1, Integer.MAX_VALUE);
        int p = lf + 1;
        while (p < size && !failed) {
            p = step(h, p, size);
        }
        return !failed;
    }

    /** Consumes head bytes from {@code b[p, end)}, up to and including the empty line that ends the head; returns where it stopped. */
    int step(byte[] b, int p, int end) {
        int lf = HttpLines.indexOfLf(b, p, end);
        int stop = lf < 0 ? end : lf + 1;
        int room = MAX_LENGTH_LINE - current.size();
        current.append(b, p, Math.min(room, stop - p), Integer.MAX_VALUE);
        currentOverflow |= stop - p > room;
        if (lf >= 0) {
            lineDone();
        }
        return stop;
    }

    private void lineDone() {
        byte[] l = current.array();
        int size = current.size();
        int contentEnd = HttpLines.contentEnd(l, 0, size - 1);
        boolean length;
        if (!currentOverflow && contentEnd == 0) {
            done = true;
            length = true;
        } else if (l[0] == ' ' || l[0] == '\t') {
            length = lastKept; // an obs-fold continuation of the line before
        } else {
            length = isName(l, size, CONTENT_LENGTH) || isName(l, size, TRANSFER_ENCODING);
            lastKept = length;
        }
        if (length) {
            if (currentOverflow || kept.size() + size > maxKept) {
                failed = true;
            } else {
                kept.append(l, 0, size, Integer.MAX_VALUE);
            }
        }
        current.clear();
        currentOverflow = false;
    }

    private static boolean isName(byte[] l, int size, byte[] name) {
        if (size <= name.length || l[name.length] != ':') {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if ((l[i] | 0x20) != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the empty line that ends the head has been read. */
    boolean done() {
        return done;
    }

    /** Whether the head cannot be followed to its end with its length known. */
    boolean failed() {
        return failed;
    }

    /** The kept head (start line, length headers, empty line) once {@link #done}; null when it does not parse. */
    HttpHead head() {
        try {
            return HttpHead.parse(kept.array(), 0, kept.size());
        } catch (HttpHeadException e) {
            return null;
        }
    }
}
