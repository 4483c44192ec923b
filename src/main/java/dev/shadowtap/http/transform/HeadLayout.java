package dev.shadowtap.http.transform;

import dev.shadowtap.http.HttpHead;
import dev.shadowtap.http.HttpLines;

/**
 * Where each header value of an already parsed head sits in the raw bytes, so a rewrite can replace
 * exactly those bytes. {@link HttpHead} gives the values but not their offsets; this walks the lines
 * of a head that {@link HttpHead#parse} accepted (it does not judge them again): a line starting with
 * a space or tab continues the previous field (obs-fold), every other line is {@code name:value}.
 * A value span runs from its first to its last non-whitespace byte, continuation lines included.
 */
final class HeadLayout {
    /** Index of the LF that ends the request line. */
    final int startLineLf;
    /** The request line's line end, reused for inserted header lines. */
    final String lineEnd;
    final int[] valueStart;
    final int[] valueEnd;

    private HeadLayout(int startLineLf, String lineEnd, int[] valueStart, int[] valueEnd) {
        this.startLineLf = startLineLf;
        this.lineEnd = lineEnd;
        this.valueStart = valueStart;
        this.valueEnd = valueEnd;
    }

    /** The layout of {@code head} in {@code b}, or null when its lines do not line up with the parsed headers. */
    static HeadLayout of(byte[] b, HttpHead head) {
        int end = head.length();
        int lf = HttpLines.indexOfLf(b, 0, end);
        if (lf < 0) {
            return null;
        }
        int n = head.headers().size();
        int[] vs = new int[n];
        int[] ve = new int[n];
        int field = -1;
        int pos = lf + 1;
        while (pos < end) {
            int next = HttpLines.indexOfLf(b, pos, end);
            if (next < 0) {
                return null;
            }
            int content = HttpLines.contentEnd(b, pos, next);
            if (content == pos) {
                break;
            }
            if (b[pos] == ' ' || b[pos] == '\t') {
                if (field < 0) {
                    return null;
                }
                int s = skipSpace(b, pos, content);
                int e = trimEnd(b, s, content);
                if (e > s) {
                    if (ve[field] == vs[field]) {
                        vs[field] = s;
                    }
                    ve[field] = e;
                }
            } else {
                if (++field >= n) {
                    return null;
                }
                int colon = pos;
                while (colon < content && b[colon] != ':') {
                    colon++;
                }
                if (colon == content) {
                    return null;
                }
                int s = skipSpace(b, colon + 1, content);
                vs[field] = s;
                ve[field] = trimEnd(b, s, content);
            }
            pos = next + 1;
        }
        if (field != n - 1) {
            return null;
        }
        String lineEnd = lf > 0 && b[lf - 1] == '\r' ? "\r\n" : "\n";
        return new HeadLayout(lf, lineEnd, vs, ve);
    }

    private static boolean isSpace(byte c) {
        return Character.isWhitespace((char) (c & 0xff));
    }

    private static int skipSpace(byte[] b, int from, int to) {
        while (from < to && isSpace(b[from])) {
            from++;
        }
        return from;
    }

    private static int trimEnd(byte[] b, int from, int to) {
        while (to > from && isSpace(b[to - 1])) {
            to--;
        }
        return to;
    }
}
