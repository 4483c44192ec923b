package dev.shadowtap.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parsed head of one HTTP/1.x message: the start line and the header fields in wire order.
 * A request has {@code method}, {@code target} and {@code version}, with {@code status == -1} and an
 * empty {@code reason}; a response has {@code version}, {@code status} and {@code reason}, with empty
 * {@code method} and {@code target}. Header names keep their case; lookups ignore it.
 *
 * <p>Tolerated, as real peers send them: bare LF line ends, obs-fold continuation lines, a status line
 * without a reason phrase. Rejected: anything whose start line is not HTTP/1.x, header names with
 * whitespace before the colon or non-token bytes.
 *
 * @param length bytes the head takes in the message, the final empty line included
 */
public record HttpHead(boolean request, String method, String target, String version, int status,
                       String reason, List<HttpHeader> headers, int length) {

    public HttpHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        headers = List.copyOf(headers);
    }

    /** Parses the head at the start of a complete message (or of a head alone). */
    public static HttpHead parse(byte[] message) throws HttpHeadException {
        return parse(message, 0, message.length);
    }

    /** Like {@link #parse(byte[])} but never throws: empty when the bytes do not start with a valid head. */
    public static Optional<HttpHead> tryParse(byte[] message) {
        try {
            return Optional.of(parse(message));
        } catch (HttpHeadException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses the head that starts at {@code off}; bytes after the empty line that ends it are ignored.
     *
     * @throws HttpHeadException when the start line or a header is malformed or no empty line ends the head
     */
    public static HttpHead parse(byte[] b, int off, int len) throws HttpHeadException {
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
        List<HttpHeader> headers = new ArrayList<>();
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
        return new HttpHeader(latin1(b, from, colon), latin1(b, colon + 1, to).strip());
    }

    public boolean isResponse() {
        return !request;
    }

    /** 1xx responses other than 101: interim, the final response follows on the same stream. */
    public boolean isInterim() {
        return !request && status >= 100 && status < 200 && status != 101;
    }

    /** The value of the first header with this name, ignoring case. */
    public Optional<String> header(String name) {
        for (HttpHeader h : headers) {
            if (h.named(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** The values of every header with this name, ignoring case, in wire order. */
    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.named(name)).map(HttpHeader::value).toList();
    }

    public boolean hasHeader(String name) {
        return header(name).isPresent();
    }

    /** The start line as it would be written, without its line end. */
    public String startLine() {
        if (request) {
            return method + " " + target + " " + version;
        }
        return reason.isEmpty() ? version + " " + status : version + " " + status + " " + reason;
    }

    /** Whether bytes {@code [from, to)}, a line without its line end, look like a request line. */
    static boolean isRequestLine(byte[] b, int from, int to) {
        StartLine s = StartLine.parse(b, from, contentEnd(b, from, to));
        return s != null && s.request;
    }

    /** Whether bytes {@code [from, to)}, a line without its line end, look like a status line. */
    static boolean isStatusLine(byte[] b, int from, int to) {
        StartLine s = StartLine.parse(b, from, contentEnd(b, from, to));
        return s != null && !s.request;
    }

    static boolean isTchar(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    static int indexOfLf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** End of a line's content: drops one CR before {@code lf}. */
    static int contentEnd(byte[] b, int from, int lf) {
        return lf > from && b[lf - 1] == '\r' ? lf - 1 : lf;
    }

    static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    static String printable(byte[] b, int from, int to) {
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
            return new HttpHead(request, method, target, version, status, reason, headers, length);
        }

        /** The start line in {@code [from, to)} (line end already removed), or null. */
        static StartLine parse(byte[] b, int from, int to) {
            if (isVersion(b, from, to)) {
                return parseStatusLine(b, from, to);
            }
            int sp1 = from;
            while (sp1 < to && isTchar(b[sp1])) {
                sp1++;
            }
            if (sp1 == from || sp1 >= to || b[sp1] != ' ') {
                return null;
            }
            int sp2 = sp1 + 1;
            while (sp2 < to && b[sp2] > ' ' && b[sp2] != 0x7f) {
                sp2++;
            }
            if (sp2 == sp1 + 1 || sp2 >= to || b[sp2] != ' ' || to - (sp2 + 1) != 8 || !isVersion(b, sp2 + 1, to)) {
                return null;
            }
            return new StartLine(true, latin1(b, from, sp1), latin1(b, sp1 + 1, sp2), latin1(b, sp2 + 1, to), -1, "");
        }

        private static StartLine parseStatusLine(byte[] b, int from, int to) {
            int p = from + 8;
            if (to - p < 4 || b[p] != ' ') {
                return null;
            }
            int status = 0;
            for (int i = p + 1; i < p + 4; i++) {
                if (b[i] < '0' || b[i] > '9') {
                    return null;
                }
                status = status * 10 + (b[i] - '0');
            }
            if (status < 100) {
                return null;
            }
            int after = p + 4;
            if (after < to && b[after] != ' ') {
                return null;
            }
            String reason = after < to ? latin1(b, after + 1, to) : "";
            return new StartLine(false, "", "", latin1(b, from, from + 8), status, reason);
        }

        /** {@code HTTP/1.d} at {@code from}. */
        private static boolean isVersion(byte[] b, int from, int to) {
            return to - from >= 8 && b[from] == 'H' && b[from + 1] == 'T' && b[from + 2] == 'T' && b[from + 3] == 'P'
                    && b[from + 4] == '/' && b[from + 5] == '1' && b[from + 6] == '.'
                    && b[from + 7] >= '0' && b[from + 7] <= '9';
        }
    }
}
