package dev.shadowtap.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The eager head parser as it was before {@link HttpHead} became lazy, kept verbatim (less the
 * lookups) as the reference the lazy one must match: same heads, same rejections with the same
 * reason, index and detail. Builds value-constructed {@link HttpHead}s.
 */
final class PreLazyHeadParser {
    private PreLazyHeadParser() {
    }

    /** Parses the head at the start of a complete message (or of a head alone). */
    static HttpHead parse(byte[] message) throws HttpHeadException {
        return parse(message, 0, message.length);
    }

    /**
     * Parses the head that starts at {@code off}; bytes after the empty line that ends it are ignored.
     *
     * @throws HttpHeadException when the start line or a header is malformed or no empty line ends the head
     */
    static HttpHead parse(byte[] b, int off, int len) throws HttpHeadException {
        int end = off + len;
        int lineEnd = indexOfLf(b, off, end);
        if (lineEnd < 0) {
            throw new HttpHeadException(FramingError.Reason.STREAM_ENDED, len, "no line end after the start line");
        }
        StartLine start = StartLine.parse(b, off, contentEnd(b, off, lineEnd));
        if (start == null) {
            throw new HttpHeadException(FramingError.Reason.BAD_START_LINE, 0,
                    "not an HTTP/1.x start line: '" + printable(b, off, Math.min(lineEnd, off + 80)) + "'");
        }
        List<HttpHeader> headers = new ArrayList<>(12);
        int pos = lineEnd + 1;
        while (true) {
            int lf = indexOfLf(b, pos, end);
            if (lf < 0) {
                throw new HttpHeadException(FramingError.Reason.STREAM_ENDED, len, "no empty line ends the head");
            }
            int contentEnd = contentEnd(b, pos, lf);
            if (contentEnd == pos) {
                return start.toHead(headers, lf + 1 - off);
            }
            if (b[pos] == ' ' || b[pos] == '\t') {
                if (headers.isEmpty()) {
                    throw new HttpHeadException(FramingError.Reason.BAD_HEADER, pos - off,
                            "continuation line before the first header");
                }
                HttpHeader last = headers.removeLast();
                String more = latin1(b, pos, contentEnd).strip();
                headers.add(new HttpHeader(last.name(), last.value().isEmpty() ? more : last.value() + " " + more));
            } else {
                headers.add(parseField(b, pos, contentEnd, off));
            }
            pos = lf + 1;
        }
    }

    private static HttpHeader parseField(byte[] b, int from, int to, int off) {
        int colon = from;
        while (colon < to && isTchar(b[colon])) {
            colon++;
        }
        if (colon == from || colon == to || b[colon] != ':') {
            throw new HttpHeadException(FramingError.Reason.BAD_HEADER, colon - off,
                    "malformed header line '" + printable(b, from, Math.min(to, from + 80)) + "'");
        }
        int vFrom = colon + 1;
        int vTo = to;
        while (vFrom < vTo && isStripped(b[vFrom])) {
            vFrom++;
        }
        while (vTo > vFrom && isStripped(b[vTo - 1])) {
            vTo--;
        }
        return new HttpHeader(HeaderNames.name(b, from, colon), latin1(b, vFrom, vTo));
    }

    /** What {@link String#strip()} removes, for one ISO-8859-1 byte. */
    private static boolean isStripped(byte c) {
        return Character.isWhitespace((char) (c & 0xff));
    }

    private static boolean isTchar(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static int indexOfLf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** End of a line's content: drops one CR before {@code lf}. */
    private static int contentEnd(byte[] b, int from, int lf) {
        return lf > from && b[lf - 1] == '\r' ? lf - 1 : lf;
    }

    private static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return s.toString();
    }

    /** A parsed start line, before its headers are known. */
    private record StartLine(boolean request, String method, String target, String version, int status,
                             String reason) {

        HttpHead toHead(List<HttpHeader> headers, int length) {
            return HttpHead.of(request, method, target, version, status, reason, headers, length);
        }

        static final int INVALID = 0;
        static final int REQUEST = 1;
        static final int STATUS = 2;

        /** The start line in {@code [from, to)} (line end already removed), or null. */
        static StartLine parse(byte[] b, int from, int to) {
            return switch (kind(b, from, to)) {
                case REQUEST -> {
                    int sp1 = methodEnd(b, from, to);
                    int sp2 = targetEnd(b, sp1, to);
                    yield new StartLine(true, method(b, from, sp1), latin1(b, sp1 + 1, sp2), version(b, sp2 + 1), -1, "");
                }
                case STATUS -> {
                    int p = from + 8;
                    int status = (b[p + 1] - '0') * 100 + (b[p + 2] - '0') * 10 + (b[p + 3] - '0');
                    int after = p + 4;
                    String reason = after < to ? reason(b, after + 1, to) : "";
                    yield new StartLine(false, "", "", version(b, from), status, reason);
                }
                default -> null;
            };
        }

        /** Whether {@code [from, to)} is a request line, a status line or neither; allocates nothing. */
        static int kind(byte[] b, int from, int to) {
            if (isVersion(b, from, to)) {
                return isStatusLine(b, from, to) ? STATUS : INVALID;
            }
            int sp1 = methodEnd(b, from, to);
            if (sp1 == from || sp1 >= to || b[sp1] != ' ') {
                return INVALID;
            }
            int sp2 = targetEnd(b, sp1, to);
            if (sp2 == sp1 + 1 || sp2 >= to || b[sp2] != ' ' || to - (sp2 + 1) != 8 || !isVersion(b, sp2 + 1, to)) {
                return INVALID;
            }
            return REQUEST;
        }

        private static int methodEnd(byte[] b, int from, int to) {
            int sp1 = from;
            while (sp1 < to && isTchar(b[sp1])) {
                sp1++;
            }
            return sp1;
        }

        private static int targetEnd(byte[] b, int sp1, int to) {
            int sp2 = sp1 + 1;
            while (sp2 < to && b[sp2] > ' ' && b[sp2] != 0x7f) {
                sp2++;
            }
            return sp2;
        }

        private static boolean isStatusLine(byte[] b, int from, int to) {
            int p = from + 8;
            if (to - p < 4 || b[p] != ' ') {
                return false;
            }
            int status = 0;
            for (int i = p + 1; i < p + 4; i++) {
                if (b[i] < '0' || b[i] > '9') {
                    return false;
                }
                status = status * 10 + (b[i] - '0');
            }
            int after = p + 4;
            return status >= 100 && (after >= to || b[after] == ' ');
        }

        /** The 8-byte version at {@code from}, shared strings for the two that occur. */
        private static String version(byte[] b, int from) {
            if (b[from + 7] == '1') {
                return "HTTP/1.1";
            }
            return b[from + 7] == '0' ? "HTTP/1.0" : latin1(b, from, from + 8);
        }

        private static String method(byte[] b, int from, int to) {
            if (to - from == 3 && b[from] == 'G' && b[from + 1] == 'E' && b[from + 2] == 'T') {
                return "GET";
            }
            return latin1(b, from, to);
        }

        private static String reason(byte[] b, int from, int to) {
            if (to - from == 2 && b[from] == 'O' && b[from + 1] == 'K') {
                return "OK";
            }
            return latin1(b, from, to);
        }

        /** {@code HTTP/1.d} at {@code from}. */
        private static boolean isVersion(byte[] b, int from, int to) {
            return to - from >= 8 && b[from] == 'H' && b[from + 1] == 'T' && b[from + 2] == 'T' && b[from + 3] == 'P'
                    && b[from + 4] == '/' && b[from + 5] == '1' && b[from + 6] == '.'
                    && b[from + 7] >= '0' && b[from + 7] <= '9';
        }
    }
}
