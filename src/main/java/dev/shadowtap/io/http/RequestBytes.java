package dev.shadowtap.io.http;

import dev.shadowtap.http.HttpHead;
import dev.shadowtap.http.HttpLines;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Edits of a captured request on its raw bytes: everything not named here (header order, case,
 * duplicates, line ends, body) stays byte for byte.
 */
final class RequestBytes {
    private RequestBytes() {
    }

    /**
     * The bytes to send: every Host line's value replaced by the target's (unless {@code originalHost}),
     * a Host line added at the end of the head when there is none, and an Authorization line from the
     * URL's {@code user:pass@} when the request has none (a request's own Authorization wins). A request
     * line in absolute form ({@code GET http://prod.example.com/a HTTP/1.1}, as proxies and some
     * HTTP/1.0 clients send) gets the target's scheme and authority too (unless {@code originalHost}):
     * a server must prefer that authority to the Host line, so left alone it would send the replay to
     * production (GoReplay rewrites it the same way).
     * Null when the payload has no request line or no empty line ending its head.
     */
    static OutgoingRequest forTarget(byte[] payload, ReplayTarget target, boolean originalHost) {
        int firstLf = HttpLines.indexOfLf(payload, 0, payload.length);
        int sp = indexOf(payload, (byte) ' ', 0, firstLf);
        if (firstLf < 0 || sp <= 0) {
            return null;
        }
        for (int i = 0; i < sp; i++) {
            if (payload[i] <= ' ' || payload[i] >= 0x7f) {
                return null;
            }
        }
        String method = sp == 3 && payload[0] == 'G' && payload[1] == 'E' && payload[2] == 'T' ? "GET"
                : new String(payload, 0, sp, StandardCharsets.ISO_8859_1);
        int lineEnd0 = HttpLines.contentEnd(payload, 0, firstLf);
        boolean http10 = endsWith(payload, lineEnd0, "HTTP/1.0");
        int extra = target.hostHeader().length() + 16
                + (target.authorization() == null ? 0 : target.authorization().length() + 24);
        Bytes out = new Bytes(payload.length + extra);
        int authorityEnd = originalHost ? -1 : absoluteAuthorityEnd(payload, sp + 1, lineEnd0);
        if (authorityEnd < 0) {
            out.write(payload, 0, firstLf + 1);
        } else {
            out.write(payload, 0, sp + 1);
            out.ascii(target.tls() ? "https://" : "http://").ascii(target.hostHeader());
            out.write(payload, authorityEnd, firstLf + 1 - authorityEnd);
        }
        boolean hostSeen = false;
        boolean authSeen = false;
        boolean expect = false;
        boolean close = false;
        boolean keepAlive = false;
        int lineStart = firstLf + 1;
        while (true) {
            int lf = HttpLines.indexOfLf(payload, lineStart, payload.length);
            if (lf < 0) {
                return null;
            }
            int lineEnd = lf + 1;
            boolean blank = lf == lineStart || (lf == lineStart + 1 && payload[lineStart] == '\r');
            if (blank) {
                if (!hostSeen) {
                    out.ascii("Host: ").ascii(target.hostHeader()).ascii("\r\n");
                }
                if (!authSeen && target.authorization() != null) {
                    out.ascii("Authorization: ").ascii(target.authorization()).ascii("\r\n");
                }
                int headLength = out.size() + (lineEnd - lineStart);
                out.write(payload, lineStart, payload.length - lineStart);
                return new OutgoingRequest(out.toByteArray(), method, headLength,
                        expect && lineEnd < payload.length, close || (http10 && !keepAlive));
            }
            if (isHeader(payload, lineStart, lf, "Host")) {
                hostSeen = true;
                if (!originalHost) {
                    int colon = lineStart + 4;
                    boolean cr = payload[lf - 1] == '\r';
                    out.write(payload, lineStart, colon + 1 - lineStart);
                    out.ascii(" ").ascii(target.hostHeader()).ascii(cr ? "\r\n" : "\n");
                    lineStart = lineEnd;
                    continue;
                }
            } else if (isHeader(payload, lineStart, lf, "Authorization")) {
                authSeen = true;
            } else if (isHeader(payload, lineStart, lf, "Expect")) {
                expect |= containsIgnoreCase(payload, lineStart + 7, lf, "100-continue");
            } else if (isHeader(payload, lineStart, lf, "Connection")) {
                close |= containsIgnoreCase(payload, lineStart + 11, lf, "close");
                keepAlive |= containsIgnoreCase(payload, lineStart + 11, lf, "keep-alive");
            }
            out.write(payload, lineStart, lineEnd - lineStart);
            lineStart = lineEnd;
        }
    }

    /**
     * Where the scheme and authority of an absolute-form request target starting at {@code from} end
     * (at its path, query or the end of the target), or -1 when the target is not {@code http://} or
     * {@code https://} (any case).
     */
    private static int absoluteAuthorityEnd(byte[] b, int from, int lineEnd) {
        int slashes;
        if (startsWithIgnoreCase(b, from, lineEnd, "http://")) {
            slashes = from + "http://".length();
        } else if (startsWithIgnoreCase(b, from, lineEnd, "https://")) {
            slashes = from + "https://".length();
        } else {
            return -1;
        }
        for (int i = slashes; i < lineEnd; i++) {
            if (b[i] == '/' || b[i] == '?' || b[i] == '#' || b[i] == ' ') {
                return i;
            }
        }
        return lineEnd;
    }

    private static boolean startsWithIgnoreCase(byte[] b, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if ((b[from + i] | 0x20) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The request for a followed redirect: the same bytes with {@code newTarget} in the start line; when
     * {@code asGet}, method GET and no body or body-length headers (303, and 301/302 after a POST).
     */
    static byte[] redirected(byte[] request, HttpHead head, String newTarget, boolean asGet) {
        Bytes out = new Bytes(request.length + newTarget.length() + 16);
        String method = asGet ? "GET" : head.method();
        int firstLf = HttpLines.indexOfLf(request, 0, head.length());
        boolean cr = firstLf > 0 && request[firstLf - 1] == '\r';
        out.ascii(method).ascii(" ").ascii(newTarget).ascii(" ").ascii(head.version()).ascii(cr ? "\r\n" : "\n");
        int lineStart = firstLf + 1;
        while (lineStart < head.length()) {
            int lf = HttpLines.indexOfLf(request, lineStart, head.length());
            boolean drop = asGet && (isHeader(request, lineStart, lf, "Content-Length")
                    || isHeader(request, lineStart, lf, "Transfer-Encoding")
                    || isHeader(request, lineStart, lf, "Expect"));
            if (!drop) {
                out.write(request, lineStart, lf + 1 - lineStart);
            }
            lineStart = lf + 1;
        }
        if (!asGet) {
            out.write(request, head.length(), request.length - head.length());
        }
        return out.toByteArray();
    }

    /** Whether the line at {@code from} is the header {@code name} (any case), colon right after the name. */
    static boolean isHeader(byte[] b, int from, int lf, String name) {
        int n = name.length();
        if (lf - from <= n || b[from + n] != ':') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int c = b[from + i] | 0x20;
            if (c != (name.charAt(i) | 0x20)) {
                return false;
            }
        }
        return true;
    }

    /** Index of {@code c} in {@code [from, to)}, or -1. */
    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean endsWith(byte[] b, int end, String suffix) {
        int from = end - suffix.length();
        if (from < 0) {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++) {
            if (b[from + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean containsIgnoreCase(byte[] b, int from, int to, String word) {
        outer:
        for (int i = from; i + word.length() <= to; i++) {
            for (int j = 0; j < word.length(); j++) {
                if ((b[i + j] | 0x20) != (word.charAt(j) | 0x20)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A growable byte array for building one request: no locks, no intermediate strings. */
    private static final class Bytes {
        private byte[] bytes;
        private int size;

        Bytes(int capacity) {
            bytes = new byte[capacity];
        }

        int size() {
            return size;
        }

        void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        /** Appends {@code s} as ISO-8859-1, as {@code s.getBytes(ISO_8859_1)} would (unmappable chars become '?'). */
        Bytes ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                bytes[size++] = c <= 0xff ? (byte) c : (byte) '?';
            }
            return this;
        }

        byte[] toByteArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
            }
        }
    }
}
