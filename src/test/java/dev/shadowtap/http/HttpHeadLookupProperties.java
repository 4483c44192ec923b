package dev.shadowtap.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The allocation-light head parsing and lookups give what the plain definitions give: names byte for
 * byte (shared strings or not), values as {@link String#strip()} of the bytes after the colon, and
 * lookups equal to filtering the header list by name ignoring case.
 */
class HttpHeadLookupProperties {

    record Field(String name, String value) {
    }

    @Provide
    Arbitrary<List<Field>> fields() {
        Arbitrary<String> names = Arbitraries.of("Content-Length", "content-length", "CONTENT-LENGTH", "Server", "Date",
                "Connection", "Transfer-Encoding", "Host", "X-A", "Content-Lengt", "Content-Lengthx", "ETag", "etag");
        // padding: what strip() removes in ISO-8859-1 (space, tab, VT, FF, FS..US) and NBSP, which it keeps
        Arbitrary<String> pad = Arbitraries.strings().withChars(' ', '\t', '\u000B', '\u000C', '\u001C', '\u001F', '\u00A0')
                .ofMaxLength(3);
        Arbitrary<String> core = Arbitraries.strings().withChars("0123456789abc ,;=\u00e9\u00a0").ofMaxLength(8);
        Arbitrary<String> values = Combinators.combine(pad, core, pad).as((a, b, c) -> a + b + c);
        return Combinators.combine(names, values).as(Field::new).list().ofMaxSize(8);
    }

    @Property(tries = 400)
    void parsedFieldsMatchThePlainDefinition(@ForAll("fields") List<Field> fields, @ForAll("lookupName") String name) {
        StringBuilder text = new StringBuilder("HTTP/1.1 200 OK\r\n");
        fields.forEach(f -> text.append(f.name()).append(':').append(f.value()).append("\r\n"));
        HttpHead head = HttpHead.parse(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));

        List<HttpHeader> expected = fields.stream().map(f -> new HttpHeader(f.name(), f.value().strip())).toList();
        assertThat(head.headers()).isEqualTo(expected);
        List<String> values = new ArrayList<>();
        for (HttpHeader h : expected) {
            if (h.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                values.add(h.value());
            }
        }
        assertThat(head.headers(name)).isEqualTo(values);
        assertThat(head.count(name)).isEqualTo(values.size());
        assertThat(head.hasHeader(name)).isEqualTo(!values.isEmpty());
        assertThat(head.header(name)).isEqualTo(values.stream().findFirst());
        assertThat(head.firstValue(name)).isEqualTo(values.isEmpty() ? null : values.getFirst());
    }

    @Property(tries = 400)
    void anyValueContainsIsAnyMatchingValueContainingTheWordIgnoringCase(
            @ForAll("fields") List<Field> fields, @ForAll("lookupName") String name, @ForAll("word") String word) {
        StringBuilder text = new StringBuilder("HTTP/1.1 200 OK\r\n");
        fields.forEach(f -> text.append(f.name()).append(':').append(f.value()).append("\r\n"));
        HttpHead lazy = HttpHead.parse(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        List<HttpHeader> headers = fields.stream().map(f -> new HttpHeader(f.name(), f.value().strip())).toList();
        HttpHead eager = HttpHead.of(false, "", "", "HTTP/1.1", 200, "OK", headers, lazy.length());

        boolean expected = headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name)
                && h.value().toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)));
        assertThat(lazy.anyValueContains(name, word)).isEqualTo(expected);
        assertThat(eager.anyValueContains(name, word)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> word() {
        return Arbitraries.of("a", "B", "abc", "1,", "close", "0a0", "CAB");
    }

    @Test
    void connectionTokensAreFoundInAnyConnectionHeader() {
        HttpHead head = HttpHead.parse(("HTTP/1.0 200 OK\r\nConnection: Upgrade\r\nconnection: Keep-Alive, TE\r\n"
                + "X-Close: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(head.anyValueContains("Connection", "keep-alive")).isTrue();
        assertThat(head.anyValueContains("CONNECTION", "upgrade")).isTrue();
        assertThat(head.anyValueContains("Connection", "close")).isFalse();
        assertThat(head.anyValueContains("Missing", "close")).isFalse();
    }

    @Provide
    Arbitrary<String> lookupName() {
        return Arbitraries.of("Content-Length", "content-LENGTH", "etag", "X-A", "Missing");
    }

    @Test
    void lookupListsAreUnmodifiable() {
        HttpHead head = HttpHead.parse("GET / HTTP/1.1\r\nA: 1\r\nA: 2\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(head.headers("a")).containsExactly("1", "2");
        assertThatThrownBy(() -> head.headers("a").add("3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> head.headers("b").add("3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sharedStartLineStringsAreTheWireText() {
        HttpHead response = HttpHead.parse("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        HttpHead request = HttpHead.parse("GET /x HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        HttpHead other = HttpHead.parse("get /x HTTP/1.9\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(response.startLine()).isEqualTo("HTTP/1.0 200 OK");
        assertThat(request.startLine()).isEqualTo("GET /x HTTP/1.1");
        assertThat(other.startLine()).isEqualTo("get /x HTTP/1.9");
    }
}
