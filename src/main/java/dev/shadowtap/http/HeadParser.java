package dev.shadowtap.http;

import java.util.Arrays;

/**
 * Parses the head at the start of a message into an {@link HttpHead}: validates every byte of the
 * start line and the header lines, and records where each field's name and trimmed value sit.
 *
 * <p>Tolerated, as real peers send them: bare LF line ends, obs-fold continuation lines, a status line
 * without a reason phrase. Rejected: anything whose start line is not HTTP/1.x, header names with
 * whitespace before the colon or non-token bytes.
 */
final class HeadParser {
    private static final int STRIDE = HeaderFields.STRIDE;

    private HeadParser() {
    }

    /** The head that starts at {@code off}; bytes after the empty line that ends it are ignored, {@code b} is not kept. */
    static HttpHead parse(byte[] b, int off, int len) throws HttpHeadException {
        return parse(b, off, off + len, true);
    }

    /**
     * {@link #parse(byte[], int, int)} up to {@code end}; when no empty line ends the head before it,
     * throws if {@code whole}, else returns null (a head not all here yet: nothing to report).
     */
    private static HttpHead parse(byte[] b, int off, int end, boolean whole) throws HttpHeadException {
        int len = end - off;
        int lineEnd = HttpLines.indexOfLf(b, off, end);
        if (lineEnd < 0) {
            throw new HttpHeadException(FramingError.Reason.STREAM_ENDED, len, "no line end after the start line");
        }
        int startEnd = HttpLines.contentEnd(b, off, lineEnd);
        int kind = StartLine.kind(b, off, startEnd);
        if (kind == StartLine.INVALID) {
            throw new HttpHeadException(FramingError.Reason.BAD_START_LINE, 0,
                    "not an HTTP/1.x start line: '" + HttpText.printable(b, off, Math.min(lineEnd, off + 80)) + "'");
        }
        int[] fields = new int[8 * STRIDE];
        int entries = 0;
        boolean folded = false;
        int pos = lineEnd + 1;
        while (true) {
            int lf = HttpLines.indexOfLf(b, pos, end);
            if (lf < 0) {
                if (!whole) {
                    return null;
                }
                throw new HttpHeadException(FramingError.Reason.STREAM_ENDED, len, "no empty line ends the head");
            }
            int contentEnd = HttpLines.contentEnd(b, pos, lf);
            if (contentEnd == pos) {
                byte[] own = Arrays.copyOfRange(b, off, lf + 1);
                return folded ? HttpHead.parsed(own, kind, startEnd - off, HeaderFields.joinFolded(own, fields, entries))
                        : HttpHead.parsed(own, kind, startEnd - off, fields, entries);
            }
            if (entries * STRIDE == fields.length) {
                fields = Arrays.copyOf(fields, fields.length * 2);
            }
            int at = entries * STRIDE;
            int nameTo;
            if (b[pos] == ' ' || b[pos] == '\t') {
                if (entries == 0) {
                    throw new HttpHeadException(FramingError.Reason.BAD_HEADER, pos - off,
                            "continuation line before the first header");
                }
                folded = true;
                nameTo = pos;
                fields[at] = HeaderFields.CONTINUATION;
            } else {
                nameTo = nameEnd(b, pos, contentEnd, off);
                fields[at] = pos - off;
            }
            fields[at + 1] = nameTo - off;
            int vFrom = nameTo == pos ? pos : nameTo + 1;
            int vTo = contentEnd;
            while (vFrom < vTo && HttpText.isStripped(b[vFrom])) {
                vFrom++;
            }
            while (vTo > vFrom && HttpText.isStripped(b[vTo - 1])) {
                vTo--;
            }
            fields[at + 2] = vFrom - off;
            fields[at + 3] = vTo - off;
            entries++;
            pos = lf + 1;
        }
    }

    /**
     * The head that starts at {@code b[p]} and ends before {@code limit}, when its start line is one
     * of the direction's ({@code requests} or responses) and it parses; null otherwise, nothing thrown.
     */
    static HttpHead wholeHead(byte[] b, int p, int limit, boolean requests) {
        int firstLf = HttpLines.indexOfLf(b, p, limit);
        if (firstLf < 0) {
            return null;
        }
        int lineEnd = HttpLines.contentEnd(b, p, firstLf);
        if (!(requests ? StartLine.isRequestLine(b, p, lineEnd) : StartLine.isStatusLine(b, p, lineEnd))) {
            return null;
        }
        try {
            return parse(b, p, limit, false);
        } catch (HttpHeadException e) {
            return null;
        }
    }

    /** The colon that ends a header name starting at {@code from}; throws when the line is not {@code token ":"}. */
    private static int nameEnd(byte[] b, int from, int to, int off) {
        int colon = from;
        while (colon < to && HttpText.isTchar(b[colon])) {
            colon++;
        }
        if (colon == from || colon == to || b[colon] != ':') {
            throw new HttpHeadException(FramingError.Reason.BAD_HEADER, colon - off,
                    "malformed header line '" + HttpText.printable(b, from, Math.min(to, from + 80)) + "'");
        }
        return colon;
    }
}
