package dev.shadowtap.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Histogram;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lazy {@link HttpHead} against eager references: for random valid heads its header list and every
 * lookup equal what a plain line-by-line parse gives; for random valid, broken and mutated heads it
 * accepts and rejects exactly what the former eager parser ({@link PreLazyHeadParser}) did, with the
 * same reason, index and detail, and frames bodies the same way.
 */
class HttpHeadLazyProperties {

    private static final List<String> NAMES = List.of("Content-Length", "content-length", "CONTENT-LENGTH",
            "Transfer-Encoding", "transfer-encoding", "Host", "Connection", "X-A", "x-a", "A^", "a~", "Set-Cookie");

    /** One header line: a field, or (when {@code name} is null) an obs-fold continuation. */
    record Line(String name, String value, boolean crlf) {
        String text() {
            return (name == null ? value : name + ":" + value) + (crlf ? "\r\n" : "\n");
        }
    }

    @Provide
    Arbitrary<String> heads() {
        Arbitrary<String> requestLine = Combinators.combine(
                Arbitraries.of("GET", "POST", "HEAD", "PUT", "get", "M-SEARCH", "CONNECT"),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("HTTP/1.1", "HTTP/1.0", "HTTP/1.9")).as((m, t, v) -> m + " " + t + " " + v);
        Arbitrary<String> statusLine = Combinators.combine(
                Arbitraries.of("HTTP/1.1", "HTTP/1.0", "HTTP/1.7"), Arbitraries.integers().between(100, 999),
                Arbitraries.of("", " ", " OK", " Not Found", " x\u00e9\ty")).as((v, s, r) -> v + " " + s + r);
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(NAMES),
                Arbitraries.strings().withChars("abcXYZ09-!#$%&'*+.^_`|~").ofMinLength(1).ofMaxLength(6));
        // anything but LF: CRs, whitespace strip() removes (and NBSP, NEL, which it keeps), digits, commas
        Arbitrary<String> values = Arbitraries.strings()
                .withChars(" \t\r\u000B\u000C\u001C\u00a0\u0085:,0123456789chunkedCHUNKED\u00e9\u00ff")
                .ofMaxLength(10);
        Arbitrary<Line> field = Combinators.combine(names, values, Arbitraries.of(true, true, false)).as(Line::new);
        Arbitrary<Line> fold = Combinators.combine(Arbitraries.of(" ", "\t", "  "), values, Arbitraries.of(true, false))
                .as((lead, v, crlf) -> new Line(null, lead + v, crlf));
        Arbitrary<List<Line>> lines = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, field), net.jqwik.api.Tuple.of(1, fold)).list().ofMaxSize(12);
        return Combinators.combine(Arbitraries.oneOf(requestLine, statusLine), lines, Arbitraries.of("\r\n", "\n"),
                Arbitraries.of("", "body", "\r\n\r\nmore")).as((start, ls, end, body) -> {
                    StringBuilder s = new StringBuilder(start).append("\r\n");
                    boolean any = false;
                    for (Line l : ls) {
                        if (l.name() == null && !any) {
                            continue; // a fold before the first field is a malformed head, not a valid one
                        }
                        any = true;
                        s.append(l.text());
                    }
                    return s.append(end).append(body).toString();
                });
    }

    @Provide
    Arbitrary<String> lookupNames() {
        return Arbitraries.oneOf(Arbitraries.of(NAMES), Arbitraries.of("Missing", "content-lengt", "X-AB", "A~", ""),
                Arbitraries.strings().withChars("abcXYZ09-").ofMinLength(1).ofMaxLength(3));
    }

    /** The tiny eager reference: split into lines, drop one CR per line end, fold continuations into the field before. */
    static List<HttpHeader> referenceHeaders(String message) {
        List<HttpHeader> headers = new ArrayList<>();
        String[] lines = message.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isEmpty()) {
                break;
            }
            if (line.startsWith(" ") || line.startsWith("\t")) {
                HttpHeader last = headers.removeLast();
                String more = line.strip();
                headers.add(new HttpHeader(last.name(), last.value().isEmpty() ? more : last.value() + " " + more));
            } else {
                int colon = line.indexOf(':');
                headers.add(new HttpHeader(line.substring(0, colon), line.substring(colon + 1).strip()));
            }
        }
        return headers;
    }

    @Property(tries = 600)
    void lazyLookupsEqualTheEagerReference(@ForAll("heads") String message, @ForAll("lookupNames") String name) {
        HttpHead head = HttpHead.parse(message.getBytes(StandardCharsets.ISO_8859_1));
        List<HttpHeader> expected = referenceHeaders(message);

        List<HttpHeader> headers = head.headers();
        assertThat(headers).isEqualTo(expected);
        assertThat(head.headers()).isSameAs(headers);

        for (String n : List.of(name, name.toUpperCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT))) {
            List<String> values = expected.stream().filter(h -> h.name().equalsIgnoreCase(n)).map(HttpHeader::value).toList();
            assertThat(head.headers(n)).as(n).isEqualTo(values);
            assertThat(head.count(n)).as(n).isEqualTo(values.size());
            assertThat(head.hasHeader(n)).as(n).isEqualTo(!values.isEmpty());
            assertThat(head.firstValue(n)).as(n).isEqualTo(values.isEmpty() ? null : values.getFirst());
            assertThat(head.header(n)).as(n).isEqualTo(values.stream().findFirst());
            boolean oneNumber = values.size() == 1 && values.getFirst().matches("[0-9]{1,18}");
            assertThat(head.onlyDigits(n)).as(n).isEqualTo(oneNumber ? Long.parseLong(values.getFirst()) : -1);
            assertThat(head.onlyValueIs(n, "chunked")).as(n)
                    .isEqualTo(values.size() == 1 && values.getFirst().equalsIgnoreCase("chunked"));
        }
    }

    @Provide
    Arbitrary<byte[]> messages() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.of((char) 0, ':', ' ', '\t', '\r', '\n', 'a', '-', '[', '\u00ff', '\u0000')).as(Edit::new);
        Arbitrary<byte[]> mutated = Combinators.combine(heads(), edit.list().ofMaxSize(3),
                Arbitraries.integers().between(0, 10_000)).as((text, edits, cut) -> {
                    StringBuilder s = new StringBuilder(text);
                    for (Edit e : edits) {
                        int at = e.at() % (s.length() + 1);
                        if (e.c() == 0 && at < s.length()) {
                            s.deleteCharAt(at);
                        } else {
                            s.insert(at, e.c());
                        }
                    }
                    String m = s.toString();
                    return (cut % 4 == 0 ? m.substring(0, cut % (m.length() + 1)) : m).getBytes(StandardCharsets.ISO_8859_1);
                });
        return Arbitraries.oneOf(heads().map(h -> h.getBytes(StandardCharsets.ISO_8859_1)), mutated,
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40));
    }

    record Edit(int at, char c) {
    }

    @Property(tries = 1500)
    @StatisticsReport(format = Histogram.class)
    void acceptsAndRejectsExactlyWhatTheEagerParserDid(@ForAll("messages") byte[] message) {
        HttpHead eager;
        HttpHeadException eagerError = null;
        try {
            eager = PreLazyHeadParser.parse(message);
        } catch (HttpHeadException e) {
            eager = null;
            eagerError = e;
        }
        HttpHead lazy;
        HttpHeadException lazyError = null;
        try {
            lazy = HttpHead.parse(message);
        } catch (HttpHeadException e) {
            lazy = null;
            lazyError = e;
        }

        Statistics.label("outcome").collect(eagerError == null ? "accepted" : eagerError.reason().name());
        if (eagerError != null) {
            assertThat(lazyError).as("lazy parse accepted what the eager one rejected: %s", eagerError).isNotNull();
            assertThat(lazyError.reason()).isEqualTo(eagerError.reason());
            assertThat(lazyError.index()).isEqualTo(eagerError.index());
            assertThat(lazyError.getMessage()).isEqualTo(eagerError.getMessage());
            return;
        }
        assertThat(lazyError).as("lazy parse rejected what the eager one accepted").isNull();
        assertThat(lazy).isEqualTo(eager);
        assertThat(eager).isEqualTo(lazy);
        assertThat(lazy.hashCode()).isEqualTo(eager.hashCode());
        assertThat(lazy.toString()).isEqualTo(eager.toString());
        assertThat(lazy.startLine()).isEqualTo(eager.startLine());
        assertThat(lazy.isInterim()).isEqualTo(eager.isInterim());
        // the reference head is built from values (a text of its own), the parsed one over its wire bytes: both agree
        for (String method : List.of("GET", "HEAD", "CONNECT")) {
            assertThat(Http1BodyLength.of(lazy, method)).isEqualTo(Http1BodyLength.of(eager, method));
        }
    }

    @Property(tries = 1000)
    void lineEndScanFindsTheFirstLfInTheRange(@ForAll("lfBytes") byte[] b, @ForAll int x, @ForAll int y) {
        int from = Math.floorMod(x, b.length + 1);
        int to = from + Math.floorMod(y, b.length - from + 1);
        int expected = -1;
        for (int i = from; i < to && expected < 0; i++) {
            if (b[i] == '\n') {
                expected = i;
            }
        }

        assertThat(HttpLines.indexOfLf(b, from, to)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<byte[]> lfBytes() {
        // LF, its neighbours and bytes whose SWAR arithmetic borrows (0x00, 0x0B, 0x8A, 0xFF)
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just((byte) '\n')),
                        net.jqwik.api.Tuple.of(10, Arbitraries.of((byte) 0, (byte) 9, (byte) 11, (byte) 0x0B, (byte) 0x8A,
                                (byte) 0xFF, (byte) 'a', (byte) '\r')),
                        net.jqwik.api.Tuple.of(5, Arbitraries.bytes()))
                .array(byte[].class).ofMaxSize(70);
    }
}
