package dev.shadowtap.http;

/**
 * How long an HTTP/1.x message held whole in a byte array says it is: the one completeness check of
 * the code base (the .gor reader's repairs, the comparison's cut bodies). Not a parser: it reads the
 * start line, Content-Length and Transfer-Encoding, and walks chunk size lines; nothing else, and
 * allocates nothing. It judges a message by itself: it cannot know that a response answers HEAD.
 * The {@link Http1Framer} frames a stream; a property test holds the two to the same verdict on
 * every message of the golden corpus at every split point.
 */
public final class MessageLength {
    /** Not HTTP, or HTTP whose length the message does not give (close-delimited, bad chunking). */
    public static final long UNKNOWN = -1;
    /** Looks like HTTP, but the header block does not end within the bytes. */
    public static final long HEADERS_INCOMPLETE = -2;
    /** A chunked body that does not reach its last chunk within the bytes. */
    public static final long CHUNKS_INCOMPLETE = -3;

    private static final byte[] HTTP_SLASH = {'H', 'T', 'T', 'P', '/'};
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "chunked".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CONNECT = "CONNECT ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_METHOD = 20;

    private MessageLength() {
    }

    /**
     * The length of the HTTP message starting at {@code b[from]}, header block plus the body its
     * headers promise (for a chunked body, up to its last chunk and trailers); otherwise
     * {@link #UNKNOWN}, {@link #HEADERS_INCOMPLETE} or {@link #CHUNKS_INCOMPLETE}. Looks no further
     * than {@code to}.
     */
    public static long of(byte[] b, int from, int to) {
        boolean response = startsWith(b, from, to, HTTP_SLASH);
        if (!response && !startsWithMethod(b, from, to)) {
            return UNKNOWN;
        }
        int lineEnd = HttpLines.indexOfLf(b, from, to);
        if (lineEnd < 0) {
            return HEADERS_INCOMPLETE;
        }
        int status = 0;
        if (response) {
            status = statusCode(b, from, lineEnd);
            if (status < 0) {
                return UNKNOWN;
            }
        } else if (!endsWithVersion(b, from, lineEnd)) {
            return UNKNOWN;
        }
        // RFC 9110 9.3.6: CONNECT has no content, whatever its length headers say
        boolean connect = !response && startsWith(b, from, to, CONNECT);
        long contentLength = -1;
        boolean chunked = false;
        int p = lineEnd + 1;
        while (true) {
            int nl = HttpLines.indexOfLf(b, p, to);
            if (nl < 0) {
                return HEADERS_INCOMPLETE;
            }
            int lineStop = HttpLines.contentEnd(b, p, nl);
            if (lineStop == p) {
                p = nl + 1;
                break;
            }
            if (connect) {
                p = nl + 1;
                continue;
            }
            if (startsWithIgnoreCase(b, p, lineStop, CONTENT_LENGTH)) {
                long value = number(b, p + CONTENT_LENGTH.length, lineStop);
                if (value < 0 || (contentLength >= 0 && contentLength != value)) {
                    return UNKNOWN;
                }
                contentLength = value;
            } else if (startsWithIgnoreCase(b, p, lineStop, TRANSFER_ENCODING)) {
                chunked = containsIgnoreCase(b, p + TRANSFER_ENCODING.length, lineStop, CHUNKED);
                if (!chunked) {
                    return UNKNOWN;
                }
            }
            p = nl + 1;
        }
        long headerBytes = p - from;
        if (connect) {
            return headerBytes;
        }
        if (response && (status / 100 == 1 || status == 204 || status == 304)) {
            return headerBytes;
        }
        if (chunked) {
            long body = chunkedLength(b, p, to);
            return body < 0 ? body : headerBytes + body;
        }
        if (contentLength >= 0) {
            return headerBytes + contentLength;
        }
        return response ? UNKNOWN : headerBytes;
    }

    /**
     * Whether bytes are missing from a message that {@link #of} measured as {@code length} with
     * {@code available} bytes present: its head or chunked body is unfinished, or its headers promise
     * more. A message whose length its headers do not give ({@link #UNKNOWN}) is never cut.
     */
    public static boolean isCut(long length, long available) {
        return length == HEADERS_INCOMPLETE || length == CHUNKS_INCOMPLETE || length > available;
    }

    /** {@link #isCut(long, long)} of the message that fills {@code b[from, to)}. */
    public static boolean isCut(byte[] b, int from, int to) {
        return isCut(of(b, from, to), to - from);
    }

    /**
     * The length of the chunked body at b[from]: chunks, the last (zero) chunk and its trailer lines;
     * {@link #CHUNKS_INCOMPLETE} when it runs past {@code to}, {@link #UNKNOWN} when a size line is bad.
     */
    private static long chunkedLength(byte[] b, int from, int to) {
        long p = from;
        while (true) {
            if (p >= to) {
                return CHUNKS_INCOMPLETE;
            }
            int at = (int) p;
            int nl = HttpLines.indexOfLf(b, at, to);
            if (nl < 0) {
                return CHUNKS_INCOMPLETE;
            }
            long size = 0;
            int digits = 0;
            int significant = 0;
            for (int i = at; i < nl && Character.digit(b[i], 16) >= 0; i++, digits++) {
                int d = Character.digit(b[i], 16);
                if (HttpNumbers.hexTooLong(size, d, significant)) {
                    return UNKNOWN;
                }
                significant += size != 0 || d != 0 ? 1 : 0;
                size = size * 16 + d;
            }
            if (digits == 0) {
                return UNKNOWN;
            }
            if (size == 0) {
                // Trailer lines, then an empty line.
                int line = nl + 1;
                while (true) {
                    int end = HttpLines.indexOfLf(b, line, to);
                    if (end < 0) {
                        return CHUNKS_INCOMPLETE;
                    }
                    int stop = HttpLines.contentEnd(b, line, end);
                    if (stop == line) {
                        return end + 1 - from;
                    }
                    line = end + 1;
                }
            }
            // The chunk's data, then its CRLF.
            p = nl + 1 + size;
            if (p + 1 < to && b[(int) p] == '\r' && b[(int) p + 1] == '\n') {
                p += 2;
            } else if (p < to && b[(int) p] == '\n') {
                p += 1;
            } else if (p + 1 >= to) {
                return CHUNKS_INCOMPLETE;
            } else {
                return UNKNOWN;
            }
        }
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoreCase(byte[] b, int from, int to, byte[] lowerPrefix) {
        if (to - from < lowerPrefix.length) {
            return false;
        }
        for (int i = 0; i < lowerPrefix.length; i++) {
            if ((b[from + i] | 0x20) != lowerPrefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsIgnoreCase(byte[] b, int from, int to, byte[] lower) {
        for (int i = from; i + lower.length <= to; i++) {
            if (startsWithIgnoreCase(b, i, to, lower)) {
                return true;
            }
        }
        return false;
    }

    /** An upper-case token and a space: {@code GET }, {@code M-SEARCH }. */
    private static boolean startsWithMethod(byte[] b, int from, int to) {
        int limit = Math.min(to, from + MAX_METHOD + 1);
        for (int i = from; i < limit; i++) {
            byte c = b[i];
            if (c == ' ') {
                return i > from;
            }
            if ((c < 'A' || c > 'Z') && c != '-' && c != '_') {
                return false;
            }
        }
        return false;
    }

    /** A request line ends in {@code HTTP/1.x}, before an optional CR. */
    private static boolean endsWithVersion(byte[] b, int from, int lineEnd) {
        int stop = HttpLines.contentEnd(b, from, lineEnd);
        int at = stop - 8;
        return at > from && b[at - 1] == ' ' && startsWith(b, at, stop, HTTP_SLASH);
    }

    /** The three digits after {@code HTTP/x.y }, or -1. */
    private static int statusCode(byte[] b, int from, int lineEnd) {
        int sp = indexOf(b, ' ', from, lineEnd);
        if (sp < 0 || sp + 4 > lineEnd) {
            return -1;
        }
        int code = 0;
        for (int i = sp + 1; i < sp + 4; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            code = code * 10 + d;
        }
        return code;
    }

    /**
     * A Content-Length value: a decimal between optional blanks, or a comma list of the same decimal
     * (as the framer accepts, RFC 9110 section 8.6); -1 otherwise.
     */
    private static long number(byte[] b, int from, int to) {
        long value = -1;
        int part = from;
        while (true) {
            int comma = indexOf(b, ',', part, to);
            long n = decimal(b, part, comma < 0 ? to : comma);
            if (n < 0 || (value >= 0 && n != value)) {
                return -1;
            }
            value = n;
            if (comma < 0) {
                return value;
            }
            part = comma + 1;
        }
    }

    /** A decimal between optional blanks, or -1. */
    private static long decimal(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        return HttpNumbers.decimal(b, from, to);
    }

    private static int indexOf(byte[] b, int c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
