package dev.shadowtap.http;

/**
 * Finding the next message after an error or a gap: whole lines are skipped until one that starts at
 * a line start and is a valid start line for the framer's direction. A line longer than the head
 * limit is dropped in pieces; the piece after it does not start a line.
 */
final class Resync {
    /** The framer's scratch line, shared with its other line-wise states (one is active at a time). */
    private final FramingBuffer line;
    private final boolean requests;
    private final int maxLineBytes;

    private boolean atLineStart;
    private boolean lineOverflow;
    private long lineStart;
    private boolean found;

    Resync(FramingBuffer line, boolean requests, int maxLineBytes) {
        this.line = line;
        this.requests = requests;
        this.maxLineBytes = maxLineBytes;
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
        found = atLineStart && !lineOverflow && (requests
                ? StartLine.isRequestLine(line.array(), 0, contentEnd)
                : StartLine.isStatusLine(line.array(), 0, contentEnd));
        atLineStart = true;
        lineOverflow = false;
        if (found) {
            head.clear();
            head.append(line.array(), 0, line.size(), Integer.MAX_VALUE);
        }
        line.clear();
        return stop;
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
