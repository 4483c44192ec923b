package dev.shadowtap.http;

import dev.shadowtap.core.InterimResponse;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parsed head of one HTTP/1.x message: the start line and the header fields in wire order.
 * A request has {@code method}, {@code target} and {@code version}, with {@code status == -1} and an
 * empty {@code reason}; a response has {@code version}, {@code status} and {@code reason}, with empty
 * {@code method} and {@code target}. Header names keep their case; lookups ignore it.
 *
 * <p>{@link #parse} ({@link HeadParser}) keeps its own copy of the head's bytes; the headers are held
 * one way only, as offsets into bytes ({@link HeaderFields}), and strings are made for what is asked.
 * A value class: equality, hash code and string form are those of the record it used to be (all
 * components, headers as a list).
 */
public final class HttpHead extends HeaderFields {
    private final boolean request;
    private final String method;
    private final String version;
    private final int status;
    private final int length;

    /** The head as received (owned, never written); null for a head built from values. */
    private final byte[] wire;
    private final int targetFrom;
    private final int targetTo;
    private final int reasonFrom;
    private final int reasonTo;

    private String target;
    private String reason;

    private HttpHead(boolean request, String method, String target, String version, int status, String reason,
                     Table fields, int length) {
        super(fields.text(), fields.offsets(), fields.count(), fields.list());
        this.request = request;
        this.method = Objects.requireNonNull(method, "method");
        this.target = Objects.requireNonNull(target, "target");
        this.version = Objects.requireNonNull(version, "version");
        this.status = status;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.length = length;
        this.wire = null;
        this.targetFrom = this.targetTo = this.reasonFrom = this.reasonTo = 0;
    }

    /** A parsed head: {@code b} is its own copy, {@code startEnd} the end of the start line's content. */
    private HttpHead(byte[] b, int kind, int startEnd, byte[] text, int[] fields, int count) {
        super(text, fields, count, null);
        this.wire = b;
        this.length = b.length;
        if (kind == StartLine.REQUEST) {
            int sp1 = StartLine.methodEnd(b, 0, startEnd);
            int sp2 = StartLine.targetEnd(b, sp1, startEnd);
            this.request = true;
            this.method = StartLine.method(b, 0, sp1);
            this.targetFrom = sp1 + 1;
            this.targetTo = sp2;
            this.version = StartLine.version(b, sp2 + 1);
            this.status = -1;
            this.reasonFrom = this.reasonTo = 0;
            this.reason = "";
        } else {
            int after = 12;
            this.request = false;
            this.method = "";
            this.targetFrom = this.targetTo = 0;
            this.target = "";
            this.version = StartLine.version(b, 0);
            this.status = StartLine.status(b, 0);
            this.reasonFrom = after < startEnd ? after + 1 : 0;
            this.reasonTo = after < startEnd ? startEnd : 0;
        }
    }

    /** A parsed head over its own bytes {@code own}, its fields' offsets in them. */
    static HttpHead parsed(byte[] own, int kind, int startEnd, int[] fields, int count) {
        return new HttpHead(own, kind, startEnd, own, fields, count);
    }

    /** A parsed head whose obs-fold lines were joined: the fields' text is the head's bytes and the joined values. */
    static HttpHead parsed(byte[] own, int kind, int startEnd, Table folded) {
        return new HttpHead(own, kind, startEnd, folded.text(), folded.offsets(), folded.count());
    }

    /** A head from its values, with no bytes behind it (ISO-8859-1 text, as on the wire); for tests and references. */
    static HttpHead of(boolean request, String method, String target, String version, int status,
                       String reason, List<HttpHeader> headers, int length) {
        return new HttpHead(request, method, target, version, status, reason, HeaderFields.of(headers), length);
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
     * The head keeps its own copy of its bytes: the caller may reuse {@code b}.
     *
     * @throws HttpHeadException when the start line or a header is malformed or no empty line ends the head
     */
    public static HttpHead parse(byte[] b, int off, int len) throws HttpHeadException {
        return HeadParser.parse(b, off, len);
    }

    public boolean request() {
        return request;
    }

    public String method() {
        return method;
    }

    public String target() {
        String t = target;
        if (t == null) {
            t = HttpText.latin1(wire, targetFrom, targetTo);
            target = t;
        }
        return t;
    }

    public String version() {
        return version;
    }

    public int status() {
        return status;
    }

    public String reason() {
        String r = reason;
        if (r == null) {
            r = reasonFrom == reasonTo ? ""
                    : reasonTo - reasonFrom == 2 && wire[reasonFrom] == 'O' && wire[reasonFrom + 1] == 'K' ? "OK"
                    : HttpText.latin1(wire, reasonFrom, reasonTo);
            reason = r;
        }
        return r;
    }

    /** The header fields in wire order (immutable; built on the first call, the same list after). */
    public List<HttpHeader> headers() {
        return fieldList();
    }

    /** The head's own bytes as received (never written; the message's own when it has no body), null for a head built from values. */
    byte[] wire() {
        return wire;
    }

    /** Bytes the head takes in the message, the final empty line included. */
    public int length() {
        return length;
    }

    public boolean isResponse() {
        return !request;
    }

    /** A 1xx response other than 101: interim, the final response follows on the same stream. */
    public boolean isInterim() {
        return !request && InterimResponse.status(status);
    }

    /** The value of the first header with this name, ignoring case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(firstField(name));
    }

    /** The value of the first header with this name, ignoring case; null when there is none. */
    String firstValue(String name) {
        return firstField(name);
    }

    /** How many headers have this name, ignoring case. */
    int count(String name) {
        return fieldCount(name);
    }

    /** The values of every header with this name, ignoring case, in wire order. */
    public List<String> headers(String name) {
        return fieldValues(name);
    }

    /**
     * Whether any header with this name has {@code word} somewhere in its value, ignoring case as
     * {@link String#regionMatches(boolean, int, String, int, int)} does; reads the bytes, makes no string.
     */
    public boolean anyValueContains(String name, String word) {
        return anyFieldContains(name, word);
    }

    public boolean hasHeader(String name) {
        return hasField(name);
    }

    /**
     * When exactly one header has this name and its whole value is 1 to 18 ASCII digits (the usual
     * Content-Length), that number, read from the bytes; otherwise -1.
     */
    long onlyDigits(String name) {
        return onlyFieldDigits(name);
    }

    /** Whether exactly one header has this name and its value equals {@code value}, ignoring case (as {@link String#equalsIgnoreCase}). */
    boolean onlyValueIs(String name, String value) {
        return onlyFieldIs(name, value);
    }

    /**
     * Where, in the head's bytes, the line holding the {@code occurrence}-th (from 0) header called
     * {@code name} starts; 0 when there is none (or the head was built from values).
     */
    int lineOffset(String name, int occurrence) {
        if (wire == null) {
            return 0;
        }
        int seen = 0;
        int lineStart = HttpLines.indexOfLf(wire, 0, length) + 1;
        while (lineStart < length) {
            if (startsWithName(lineStart, name) && seen++ == occurrence) {
                return lineStart;
            }
            lineStart = HttpLines.indexOfLf(wire, lineStart, length) + 1;
        }
        return 0;
    }

    private boolean startsWithName(int at, String name) {
        if (at + name.length() >= wire.length || wire[at + name.length()] != ':') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.toLowerCase((char) wire[at + i]) != Character.toLowerCase(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The start line as it would be written, without its line end. */
    public String startLine() {
        if (request) {
            return method + " " + target() + " " + version;
        }
        String r = reason();
        return r.isEmpty() ? version + " " + status : version + " " + status + " " + r;
    }

    /** Equal when every component is: the start line's parts, the header list and the length. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HttpHead h) || request != h.request || status != h.status || length != h.length) {
            return false;
        }
        if (wire != null && h.wire != null && Arrays.equals(wire, h.wire)) {
            return true;
        }
        return method.equals(h.method) && target().equals(h.target()) && version.equals(h.version)
                && reason().equals(h.reason()) && headers().equals(h.headers());
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, method, target(), version, status, reason(), headers(), length);
    }

    @Override
    public String toString() {
        return "HttpHead[request=" + request + ", method=" + method + ", target=" + target() + ", version=" + version
                + ", status=" + status + ", reason=" + reason() + ", headers=" + headers() + ", length=" + length + "]";
    }
}
