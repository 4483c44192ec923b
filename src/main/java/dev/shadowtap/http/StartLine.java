package dev.shadowtap.http;

/**
 * Byte-level checks and pieces of an HTTP/1.x start line ({@code [from, to)}, line end already
 * removed), for {@link HttpHead} and the framer's resynchronisation. Allocates only for the method
 * and version strings that are not the shared common ones.
 */
final class StartLine {
    static final int INVALID = 0;
    static final int REQUEST = 1;
    static final int STATUS = 2;
    /** {@code PRI * HTTP/x.y}: the HTTP/2 connection preface (RFC 9113 3.4), never an HTTP/1 request (11.6). */
    static final int HTTP2_PREFACE = 3;

    private static final byte[] PREFACE = "PRI * HTTP/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private StartLine() {
    }

    /** Whether {@code [from, to)} is a request line, a status line or neither; allocates nothing. */
    static int kind(byte[] b, int from, int to) {
        if (isVersion(b, from, to)) {
            return hasStatus(b, from, to) ? STATUS : INVALID;
        }
        if (to - from == PREFACE.length + 3 && java.util.Arrays.equals(b, from, from + PREFACE.length, PREFACE, 0, PREFACE.length)
                && b[to - 3] >= '0' && b[to - 3] <= '9' && b[to - 2] == '.' && b[to - 1] >= '0' && b[to - 1] <= '9') {
            return HTTP2_PREFACE;
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

    /** Whether bytes {@code [from, to)}, a line without its LF, look like a request line. */
    static boolean isRequestLine(byte[] b, int from, int to) {
        return kind(b, from, HttpLines.contentEnd(b, from, to)) == REQUEST;
    }

    /** Whether bytes {@code [from, to)}, a line without its LF, look like a status line. */
    static boolean isStatusLine(byte[] b, int from, int to) {
        return kind(b, from, HttpLines.contentEnd(b, from, to)) == STATUS;
    }

    static int methodEnd(byte[] b, int from, int to) {
        int sp1 = from;
        while (sp1 < to && HttpText.isTchar(b[sp1])) {
            sp1++;
        }
        return sp1;
    }

    static int targetEnd(byte[] b, int sp1, int to) {
        int sp2 = sp1 + 1;
        while (sp2 < to && b[sp2] > ' ' && b[sp2] != 0x7f) {
            sp2++;
        }
        return sp2;
    }

    /** The three status digits of a line {@link #kind} found to be a status line. */
    static int status(byte[] b, int from) {
        int p = from + 8;
        return (b[p + 1] - '0') * 100 + (b[p + 2] - '0') * 10 + (b[p + 3] - '0');
    }

    private static boolean hasStatus(byte[] b, int from, int to) {
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
    static String version(byte[] b, int from) {
        if (b[from + 5] == '1' && b[from + 7] == '1') {
            return "HTTP/1.1";
        }
        return b[from + 5] == '1' && b[from + 7] == '0' ? "HTTP/1.0" : HttpText.latin1(b, from, from + 8);
    }

    /** The methods llhttp knows (RFC 9110, WebDAV, CalDAV, UPnP, ...): what a resynchronising framer trusts. */
    private static final java.util.Set<String> KNOWN_METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE",
            "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY", "COPY", "LOCK", "MKCOL", "MOVE", "PROPFIND", "PROPPATCH",
            "SEARCH", "UNLOCK", "BIND", "REBIND", "UNBIND", "ACL", "REPORT", "MKACTIVITY", "CHECKOUT", "MERGE",
            "M-SEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "PURGE", "MKCALENDAR", "LINK", "UNLINK", "SOURCE");

    /**
     * Whether {@code [from, to)} is a request line whose method is a known one ({@link #KNOWN_METHODS}):
     * after an error, a line that only looks like a request line ({@code xyzGET / HTTP/1.1}, the end of a
     * broken body glued to the next request) is not trusted as one.
     */
    static boolean isKnownRequestLine(byte[] b, int from, int to) {
        if (!isRequestLine(b, from, to)) {
            return false;
        }
        int sp = methodEnd(b, from, to);
        return sp - from <= 11 && KNOWN_METHODS.contains(HttpText.latin1(b, from, sp));
    }

    private static final String[] METHODS = {"POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT"};

    /** The method in {@code [from, to)}: a shared string for the standard ones (exact case), else a new one. */
    static String method(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 3 && b[from] == 'G' && b[from + 1] == 'E' && b[from + 2] == 'T') {
            return "GET";
        }
        for (String m : METHODS) {
            if (m.length() == len && b[from] == m.charAt(0) && matches(m, b, from)) {
                return m;
            }
        }
        return HttpText.latin1(b, from, to);
    }

    private static boolean matches(String s, byte[] b, int from) {
        for (int i = 1; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code HTTP/1.d} at {@code from}, or {@code HTTP/2.0}: the version of captured HTTP/2 records
     * (docs/HTTP2.md), which filters, rewrites and the comparison read as any other.
     */
    private static boolean isVersion(byte[] b, int from, int to) {
        return to - from >= 8 && b[from] == 'H' && b[from + 1] == 'T' && b[from + 2] == 'T' && b[from + 3] == 'P'
                && b[from + 4] == '/' && b[from + 6] == '.' && (b[from + 5] == '1'
                ? b[from + 7] >= '0' && b[from + 7] <= '9' : b[from + 5] == '2' && b[from + 7] == '0');
    }
}
