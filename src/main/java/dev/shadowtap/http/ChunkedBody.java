package dev.shadowtap.http;

/**
 * The chunked body of one message as its bytes arrive (RFC 9112 section 7.1): size lines (with
 * extensions), chunk data, the CRLF after each chunk, the last chunk and the trailer section. The
 * {@link Http1Framer} keeps every byte a {@link #step} consumes as part of the message and asks after
 * each step whether the body is {@link #done} or has a {@link #problem}. One per framer, reused for
 * every chunked message; allocates only to report a problem.
 */
final class ChunkedBody {
    /** A malformed or overlong body; {@code lineStartNext}: the byte after it starts a line. */
    record Problem(FramingError.Reason reason, long offset, String detail, boolean lineStartNext) {
    }

    private enum State { SIZE, DATA, DATA_END, TRAILERS, DONE, FAILED }


    /** The framer's scratch line, shared with its other line-wise states (one is active at a time). */
    private final FramingBuffer line;
    private final int maxLineBytes;

    private State state = State.DONE;
    private long remaining;
    private boolean crSeen;
    private long lineStart;
    private int trailerBytes;
    private long content;
    private Problem problem;

    ChunkedBody(FramingBuffer line, int maxLineBytes) {
        this.line = line;
        this.maxLineBytes = maxLineBytes;
    }

    /** Begins a body: a size line comes next. */
    void begin() {
        state = State.SIZE;
        line.clear();
        content = 0;
        problem = null;
    }

    boolean done() {
        return state == State.DONE;
    }

    /** The problem that ended the body, or null. */
    Problem problem() {
        return problem;
    }

    /** Bytes of chunk data so far (the decoded body's length). */
    long content() {
        return content;
    }

    /** Consumes bytes from {@code b[p, end)}, {@code position} being the stream offset of {@code b[p]}; returns where it stopped. */
    int step(byte[] b, int p, int end, long position) {
        return switch (state) {
            case SIZE -> size(b, p, end, position);
            case DATA -> data(p, end);
            case DATA_END -> dataEnd(b, p, position);
            case TRAILERS -> trailers(b, p, end, position);
            case DONE, FAILED -> throw new IllegalStateException("chunked body " + state);
        };
    }

    private int size(byte[] b, int p, int end, long position) {
        if (line.size() == 0) {
            lineStart = position;
        }
        int room = maxLineBytes - line.size();
        if (room == 0) {
            return fail(FramingError.Reason.BAD_CHUNK_SIZE, position,
                    "chunk size line longer than " + maxLineBytes + " bytes", false, p);
        }
        int stop = line.appendLine(b, p, end, room);
        if (!FramingBuffer.endsLine(b, p, stop)) {
            return stop;
        }
        long size = parseSize(line.array(), HttpLines.contentEnd(line.array(), 0, line.size() - 1));
        if (size < 0) {
            return fail(FramingError.Reason.BAD_CHUNK_SIZE, lineStart, "bad chunk size line '"
                    + HttpText.printable(line.array(), 0, Math.min(line.size(), 80)) + "'", true, stop);
        }
        line.clear();
        if (size == 0) {
            trailerBytes = 0;
            state = State.TRAILERS;
        } else {
            content += size;
            remaining = size;
            state = State.DATA;
        }
        return stop;
    }

    /** {@code 1*HEXDIG [BWS] [; extensions]}; -1 when malformed. */
    private static long parseSize(byte[] l, int to) {
        long size = 0;
        int i = 0;
        int significant = 0;
        while (i < to && Character.digit(l[i], 16) >= 0) {
            int d = Character.digit(l[i], 16);
            if (HttpNumbers.hexTooLong(size, d, significant)) {
                return -1;
            }
            significant += size != 0 || d != 0 ? 1 : 0;
            size = size * 16 + d;
            i++;
        }
        if (i == 0) {
            return -1;
        }
        while (i < to && (l[i] == ' ' || l[i] == '\t')) {
            i++;
        }
        return i == to || l[i] == ';' ? size : -1;
    }

    private int data(int p, int end) {
        int n = (int) Math.min(remaining, end - p);
        remaining -= n;
        if (remaining == 0) {
            crSeen = false;
            state = State.DATA_END;
        }
        return p + n;
    }

    private int dataEnd(byte[] b, int p, long position) {
        byte c = b[p];
        if (c == '\r' && !crSeen) {
            crSeen = true;
        } else if (c == '\n') {
            line.clear();
            state = State.SIZE;
        } else {
            return fail(FramingError.Reason.BAD_CHUNK_END, position, "chunk data not followed by CRLF", false, p);
        }
        return p + 1;
    }

    private int trailers(byte[] b, int p, int end, long position) {
        int room = maxLineBytes - trailerBytes - line.size();
        if (room == 0) {
            return fail(FramingError.Reason.TRAILERS_TOO_LARGE, position,
                    "trailer section longer than " + maxLineBytes + " bytes", false, p);
        }
        int stop = line.appendLine(b, p, end, room);
        if (!FramingBuffer.endsLine(b, p, stop)) {
            return stop;
        }
        boolean empty = HttpLines.contentEnd(line.array(), 0, line.size() - 1) == 0;
        trailerBytes += line.size();
        line.clear();
        if (empty) {
            state = State.DONE;
        }
        return stop;
    }

    private int fail(FramingError.Reason reason, long offset, String detail, boolean lineStartNext, int stop) {
        problem = new Problem(reason, offset, detail, lineStartNext);
        state = State.FAILED;
        return stop;
    }
}
