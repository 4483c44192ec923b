package dev.shadowtap.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 * <p>Lazy: {@link #parse} validates every byte but keeps only its own copy of the head and the offsets
 * of each field's name and trimmed value; lookups by name compare bytes and make a string only for the
 * value they return, and {@link #headers()} builds the list once, on first call. A head with obs-fold
 * lines (rare) builds its list at once, since its values are joined. The lazily made strings and list
 * are immutable, so racing threads at worst build equal ones twice. A value class: equality, hash code
 * and string form are those of the record it used to be (all components, headers as a list).
 */
public final class HttpHead {
    /** Ints per field in {@link #fields}: name from, name to, value from, value to (offsets in {@link #bytes}). */
    private static final int STRIDE = 4;
    /** Name offset marking an obs-fold continuation line in the parse's field table. */
    private static final int CONTINUATION = -1;

    private final boolean request;
    private final String method;
    private final String version;
    private final int status;
    private final int length;

    /** The head's bytes, owned (never written after parse); null for a head built from values. */
    private final byte[] bytes;
    private final int[] fields;
    private final int fieldCount;
    private final int targetFrom;
    private final int targetTo;
    private final int reasonFrom;
    private final int reasonTo;
    /** Non-null when lookups go through the list: built from values, or obs-fold lines were joined. */
    private final List<HttpHeader> eager;

    private String target;
    private String reason;
    private List<HttpHeader> materialised;

    /** A head from its values (no bytes behind it); lookups go through {@code headers}. */
    public HttpHead(boolean request, String method, String target, String version, int status,
                    String reason, List<HttpHeader> headers, int length) {
        this.request = request;
        this.method = Objects.requireNonNull(method, "method");
        this.target = Objects.requireNonNull(target, "target");
        this.version = Objects.requireNonNull(version, "version");
        this.status = status;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.eager = List.copyOf(headers);
        this.length = length;
        this.bytes = null;
        this.fields = null;
        this.fieldCount = 0;
        this.targetFrom = this.targetTo = this.reasonFrom = this.reasonTo = 0;
    }

    /** A parsed head: {@code b} is its own copy, {@code startEnd} the end of the start line's content. */
    private HttpHead(byte[] b, int kind, int startEnd, int[] fields, int entries, boolean folded) {
        this.bytes = b;
        this.length = b.length;
        this.fields = fields;
        this.fieldCount = entries;
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
        this.eager = folded ? joinFolded() : null;
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
        int end = off + len;
        int lineEnd = indexOfLf(b, off, end);
        if (lineEnd < 0) {
            throw new HttpHeadException(FramingError.Reason.STREAM_ENDED, len, "no line end after the start line");
        }
        int startEnd = contentEnd(b, off, lineEnd);
        int kind = StartLine.kind(b, off, startEnd);
        if (kind == StartLine.INVALID) {
            throw new HttpHeadException(FramingError.Reason.BAD_START_LINE, 0,
                    "not an HTTP/1.x start line: '" + printable(b, off, Math.min(lineEnd, off + 80)) + "'");
        }
        int[] fields = new int[8 * STRIDE];
        int entries = 0;
        boolean folded = false;
        int pos = lineEnd + 1;
        while (true) {
            int lf = indexOfLf(b, pos, end);
            if (lf < 0) {
                throw new HttpHeadException(FramingError.Reason.STREAM_ENDED, len, "no empty line ends the head");
            }
            int contentEnd = contentEnd(b, pos, lf);
            if (contentEnd == pos) {
                byte[] own = Arrays.copyOfRange(b, off, lf + 1);
                return new HttpHead(own, kind, startEnd - off, fields, entries, folded);
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
                fields[at] = CONTINUATION;
            } else {
                nameTo = nameEnd(b, pos, contentEnd, off);
                fields[at] = pos - off;
            }
            fields[at + 1] = nameTo - off;
            int vFrom = nameTo == pos ? pos : nameTo + 1;
            int vTo = contentEnd;
            while (vFrom < vTo && isStripped(b[vFrom])) {
                vFrom++;
            }
            while (vTo > vFrom && isStripped(b[vTo - 1])) {
                vTo--;
            }
            fields[at + 2] = vFrom - off;
            fields[at + 3] = vTo - off;
            entries++;
            pos = lf + 1;
        }
    }

    /** The colon that ends a header name starting at {@code from}; throws when the line is not {@code token ":"}. */
    private static int nameEnd(byte[] b, int from, int to, int off) {
        int colon = from;
        while (colon < to && isTchar(b[colon])) {
            colon++;
        }
        if (colon == from || colon == to || b[colon] != ':') {
            throw new HttpHeadException(FramingError.Reason.BAD_HEADER, colon - off,
                    "malformed header line '" + printable(b, from, Math.min(to, from + 80)) + "'");
        }
        return colon;
    }

    /** What {@link String#strip()} removes, for one ISO-8859-1 byte. */
    private static boolean isStripped(byte c) {
        return STRIPPED[c & 0xff];
    }

    /** {@link Character#isWhitespace} of each ISO-8859-1 char, as a table (a call chain per value byte otherwise). */
    private static final boolean[] STRIPPED = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            STRIPPED[c] = Character.isWhitespace((char) c);
        }
    }

    /** The field list with continuation lines joined to the field before them, by a single space. */
    private List<HttpHeader> joinFolded() {
        List<HttpHeader> list = new ArrayList<>(fieldCount);
        for (int i = 0; i < fieldCount; i++) {
            int at = i * STRIDE;
            if (fields[at] == CONTINUATION) {
                HttpHeader last = list.removeLast();
                String more = value(i);
                list.add(new HttpHeader(last.name(), last.value().isEmpty() ? more : last.value() + " " + more));
            } else {
                list.add(field(i));
            }
        }
        return List.copyOf(list);
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
            t = latin1(bytes, targetFrom, targetTo);
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
                    : reasonTo - reasonFrom == 2 && bytes[reasonFrom] == 'O' && bytes[reasonFrom + 1] == 'K' ? "OK"
                    : latin1(bytes, reasonFrom, reasonTo);
            reason = r;
        }
        return r;
    }

    /** The header fields in wire order (immutable; built on the first call, the same list after). */
    public List<HttpHeader> headers() {
        if (eager != null) {
            return eager;
        }
        List<HttpHeader> list = materialised;
        if (list == null) {
            HttpHeader[] all = new HttpHeader[fieldCount];
            for (int i = 0; i < fieldCount; i++) {
                all[i] = field(i);
            }
            list = List.of(all);
            materialised = list;
        }
        return list;
    }

    /** Bytes the head takes in the message, the final empty line included. */
    public int length() {
        return length;
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
        return Optional.ofNullable(firstValue(name));
    }

    /** The value of the first header with this name, ignoring case; null when there is none. */
    String firstValue(String name) {
        if (eager != null) {
            for (int i = 0, n = eager.size(); i < n; i++) {
                HttpHeader h = eager.get(i);
                if (h.named(name)) {
                    return h.value();
                }
            }
            return null;
        }
        int i = indexOf(name, 0);
        return i < 0 ? null : value(i);
    }

    /** How many headers have this name, ignoring case. */
    int count(String name) {
        int count = 0;
        if (eager != null) {
            for (int i = 0, n = eager.size(); i < n; i++) {
                if (eager.get(i).named(name)) {
                    count++;
                }
            }
            return count;
        }
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            count++;
        }
        return count;
    }

    /** The values of every header with this name, ignoring case, in wire order. */
    public List<String> headers(String name) {
        List<String> values = null;
        if (eager != null) {
            for (int i = 0, n = eager.size(); i < n; i++) {
                HttpHeader h = eager.get(i);
                if (h.named(name)) {
                    if (values == null) {
                        values = new ArrayList<>(2);
                    }
                    values.add(h.value());
                }
            }
        } else {
            for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(value(i));
            }
        }
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }

    /**
     * Whether any header with this name has {@code word} somewhere in its value, ignoring case as
     * {@link String#regionMatches(boolean, int, String, int, int)} does; reads the bytes, makes no string.
     */
    public boolean anyValueContains(String name, String word) {
        if (eager != null) {
            for (int i = 0, n = eager.size(); i < n; i++) {
                HttpHeader h = eager.get(i);
                if (h.named(name) && containsIgnoringCase(h.value(), word)) {
                    return true;
                }
            }
            return false;
        }
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            int to = fields[i * STRIDE + 3];
            for (int from = fields[i * STRIDE + 2]; from + word.length() <= to; from++) {
                if (regionIs(from, from + word.length(), word)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsIgnoringCase(String value, String word) {
        for (int i = 0; i + word.length() <= value.length(); i++) {
            if (value.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    public boolean hasHeader(String name) {
        return eager != null ? firstValue(name) != null : indexOf(name, 0) >= 0;
    }

    /**
     * When exactly one header has this name and its whole value is 1 to 18 ASCII digits (the usual
     * Content-Length), that number, read from the bytes; otherwise -1.
     */
    long onlyDigits(String name) {
        if (eager != null) {
            return count(name) == 1 ? digits(firstValue(name)) : -1;
        }
        int i = indexOf(name, 0);
        if (i < 0 || indexOf(name, i + 1) >= 0) {
            return -1;
        }
        int from = fields[i * STRIDE + 2];
        int to = fields[i * STRIDE + 3];
        if (to == from || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int p = from; p < to; p++) {
            byte c = bytes[p];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Whether exactly one header has this name and its value equals {@code value}, ignoring case (as {@link String#equalsIgnoreCase}). */
    boolean onlyValueIs(String name, String value) {
        if (eager != null) {
            return count(name) == 1 && firstValue(name).equalsIgnoreCase(value);
        }
        int i = indexOf(name, 0);
        return i >= 0 && indexOf(name, i + 1) < 0
                && regionIs(fields[i * STRIDE + 2], fields[i * STRIDE + 3], value);
    }

    private static long digits(String v) {
        int n = v.length();
        if (n == 0 || n > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Index of the first field at or after {@code from} whose name is {@code name} ignoring case; -1 when none. */
    private int indexOf(String name, int from) {
        if (name == null) {
            return -1;
        }
        int length = name.length();
        for (int i = from; i < fieldCount; i++) {
            int at = i * STRIDE;
            // the length first, here: most names differ in it, and a call per field adds up per response
            if (fields[at + 1] - fields[at] == length && regionIs(fields[at], fields[at + 1], name)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code bytes[from, to)}, as ISO-8859-1, equals {@code s} ignoring case the way {@link String#equalsIgnoreCase} does. */
    private boolean regionIs(int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            char a = (char) (bytes[from + k] & 0xff);
            char c = s.charAt(k);
            if (a != c && !sameIgnoringCase(a, c)) {
                return false;
            }
        }
        return true;
    }

    /** Per-char rule of {@link String#equalsIgnoreCase}, with a fast path for ASCII. */
    private static boolean sameIgnoringCase(char a, char c) {
        if ((a | c) < 0x80) {
            int lower = a | 0x20;
            return (a ^ c) == 0x20 && lower >= 'a' && lower <= 'z';
        }
        char ua = Character.toUpperCase(a);
        char uc = Character.toUpperCase(c);
        return ua == uc || Character.toLowerCase(ua) == Character.toLowerCase(uc);
    }

    private String value(int i) {
        return latin1(bytes, fields[i * STRIDE + 2], fields[i * STRIDE + 3]);
    }

    private HttpHeader field(int i) {
        int at = i * STRIDE;
        return new HttpHeader(HeaderNames.name(bytes, fields[at], fields[at + 1]), value(i));
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
        if (bytes != null && h.bytes != null && Arrays.equals(bytes, h.bytes)) {
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

    /** Whether bytes {@code [from, to)}, a line without its line end, look like a request line. */
    static boolean isRequestLine(byte[] b, int from, int to) {
        return StartLine.kind(b, from, contentEnd(b, from, to)) == StartLine.REQUEST;
    }

    /** Whether bytes {@code [from, to)}, a line without its line end, look like a status line. */
    static boolean isStatusLine(byte[] b, int from, int to) {
        return StartLine.kind(b, from, contentEnd(b, from, to)) == StartLine.STATUS;
    }

    static boolean isTchar(byte c) {
        return c >= 0 && TCHAR[c];
    }

    /** RFC 9110 tchar, by ASCII code; a constant table (a string search per name byte was the parse's top cost). */
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            TCHAR[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }

    /** Index of the first LF in {@code b[from, to)}, or -1; eight bytes at a time (SWAR zero-byte test). */
    static int indexOfLf(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            // high bit set in each byte that was LF; borrows only mark bytes above the first such one
            long lf = (w - 0x0101010101010101L) & ~w & 0x8080808080808080L;
            if (lf != 0) {
                return i + (Long.numberOfTrailingZeros(lf) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
}
