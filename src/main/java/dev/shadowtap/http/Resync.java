package dev.shadowtap.http;

/**
 * Finding the next message after an error or a gap: whole lines are skipped until one that starts at
 * a line start and is a valid start line for the framer's direction; for responses, also a status line
 * glued to the end of a broken response's body on the same line. A line longer than the head limit is
 * dropped in pieces; the piece after it does not start a line. Where the requests are known (a
 * capture's response side), a status line counts only while a response is owed: when none is, it is
 * a line of the broken message's body, and taking it would invent a response.
 */
final class Resync {
    /** The framer's scratch line, shared with its other line-wise states (one is active at a time). */
    private final FramingBuffer line;
    private final boolean requests;
    private final int maxLineBytes;
    /** For a response framer in a capture: whether a response is owed now; a status line found when none is, is not one. */
    private final java.util.function.BooleanSupplier owed;

    private boolean atLineStart;
    private boolean lineOverflow;
    private long lineStart;
    private boolean found;

    Resync(FramingBuffer line, boolean requests, int maxLineBytes, java.util.function.BooleanSupplier owed) {
        this.line = line;
        this.requests = requests;
        this.maxLineBytes = maxLineBytes;
        this.owed = owed;
    }

    /** Begins skipping; {@code lineStartNext}: whether the next byte starts a line. */
    void begin(boolean lineStartNext) {
        atLineStart = lineStartNext;
        lineOverflow = false;
        found = false;
    }

    /**
     * Consumes bytes from {@code b[p, end)}, {@code position} being the stream offset of {@code b[p]};
     * returns where it stopped. When it stops after a start line, {@link #found} says so and that
     * line is in {@code head}, which it cleared first.
     */
    int step(byte[] b, int p, int end, long position, FramingBuffer head) {
        if (line.size() == 0) {
            lineStart = position;
        }
        int room = maxLineBytes - line.size();
        if (room == 0) {
            line.clear();
            lineOverflow = true;
            return p;
        }
        int stop = line.appendLine(b, p, end, room);
        if (!FramingBuffer.endsLine(b, p, stop)) {
            return stop;
        }
        int contentEnd = HttpLines.contentEnd(line.array(), 0, line.size() - 1);
        boolean whole = atLineStart && !lineOverflow;
        int from = requests ? requestStart(line.array(), contentEnd, whole)
                : whole && StartLine.isStatusLine(line.array(), 0, contentEnd) ? 0 : glued(line.array(), contentEnd);
        found = from >= 0 && owed.getAsBoolean();
        atLineStart = true;
        lineOverflow = false;
        if (found) {
            lineStart += from;
            head.clear();
            head.append(line.array(), from, line.size() - from, Integer.MAX_VALUE);
        }
        line.clear();
        return stop;
    }

    /**
     * Where in the line a status line begins that follows, on the same line, the rest of a response
     * whose length was unknown ("...helloHTTP/1.1 200 OK"): a response cannot be framed, its body ends
     * wherever the server stopped, and the next response starts right after it, not on a line of its own.
     * -1 when there is none, or when no response is owed.
     */
    int gluedStatusLine(byte[] l, int contentEnd) {
        int at = glued(l, contentEnd);
        return at > 0 && owed.getAsBoolean() ? at : -1;
    }

    /**
     * Where a request starts in a line: at its start when it is a request line of a known method; else
     * where such a request line begins after bytes glued before it (the end of a broken request's body:
     * {@code xyzGET /next HTTP/1.1}); else at its start when it is any request line; -1 when none.
     */
    private static int requestStart(byte[] l, int contentEnd, boolean whole) {
        if (whole && StartLine.isKnownRequestLine(l, 0, contentEnd)) {
            return 0;
        }
        for (int k = 1; k < contentEnd; k++) {
            if (l[k] < 'A' || l[k] > 'Z') {
                continue;
            }
            int sp = StartLine.methodEnd(l, k, Math.min(contentEnd, k + 12)); // bounded: no method is longer
            if (sp < contentEnd && l[sp] == ' ' && StartLine.isKnownRequestLine(l, k, contentEnd)) {
                return k;
            }
        }
        return whole && StartLine.isRequestLine(l, 0, contentEnd) ? 0 : -1;
    }

    private static int glued(byte[] l, int contentEnd) {
        for (int k = 1; k + HTTP_1.length <= contentEnd; k++) {
            if (l[k] == 'H' && startsWith(l, k, HTTP_1) && StartLine.isStatusLine(l, k, contentEnd)) {
                return k;
            }
        }
        return -1;
    }

    private static final byte[] HTTP_1 = {'H', 'T', 'T', 'P', '/', '1', '.'};

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the last {@link #step} ended on a start line. */
    boolean found() {
        return found;
    }

    /** Stream offset of the line {@link #found} found. */
    long lineStart() {
        return lineStart;
    }
}
