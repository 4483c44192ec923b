package dev.shadowtap.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The lazy head's lookups by name, its cached header list, and its value semantics. */
class HttpHeadLazyTest {

    private static HttpHead parse(String s) {
        return HttpHead.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void lookupsIgnoreAsciiCaseAndKeepDuplicatesInWireOrder() {
        HttpHead head = parse("GET /x HTTP/1.1\r\nHost: a\r\nX-Dup: 1\r\nCONTENT-length: 12\r\nx-dup: 2\r\nX-DUP:3\r\n\r\n");

        assertThat(head.header("host")).contains("a");
        assertThat(head.header("HOST")).contains("a");
        assertThat(head.headers("X-dUp")).containsExactly("1", "2", "3");
        assertThat(head.count("x-dup")).isEqualTo(3);
        assertThat(head.firstValue("X-DUP")).isEqualTo("1");
        assertThat(head.hasHeader("content-LENGTH")).isTrue();
        assertThat(head.onlyDigits("Content-Length")).isEqualTo(12);
        // same length, one letter off; a prefix; a longer name; no such header
        assertThat(head.hasHeader("X-Dop")).isFalse();
        assertThat(head.hasHeader("X-Du")).isFalse();
        assertThat(head.hasHeader("X-Dupe")).isFalse();
        assertThat(head.header("Missing")).isEmpty();
        assertThat(head.headers("Missing")).isEmpty();
        assertThat(head.count("Missing")).isZero();
        assertThat(head.firstValue(null)).isNull();
    }

    @Test
    void caseFoldingOnlyMatchesLettersAndFollowsEqualsIgnoreCase() {
        // '^' and '~' (both token chars) and '`' and '@' differ by 0x20 like a letter's cases, but are not letters
        HttpHead head = parse("HTTP/1.1 200 OK\r\nA^b`: 1\r\nk: 2\r\n\r\n");

        assertThat(head.hasHeader("a~B`")).isFalse();
        assertThat(head.hasHeader("a^B@")).isFalse();
        assertThat(head.hasHeader("a^B`")).isTrue();
        // String.equalsIgnoreCase matches the Kelvin sign with k; the byte-wise lookup keeps that rule
        assertThat("k".equalsIgnoreCase("\u212A")).isTrue();
        assertThat(head.header("\u212A")).contains("2");
        assertThat(head.hasHeader("\u00e9")).isFalse();
    }

    @Test
    void emptyValuesAreEmptyStringsNotMissingHeaders() {
        HttpHead head = parse("HTTP/1.1 204 No Content\r\nX-Empty:\r\nX-Blank: \t \r\nContent-Length:\r\n\r\n");

        assertThat(head.header("x-empty")).contains("");
        assertThat(head.header("x-blank")).contains("");
        assertThat(head.hasHeader("X-Empty")).isTrue();
        assertThat(head.headers("x-blank")).containsExactly("");
        assertThat(head.onlyDigits("Content-Length")).isEqualTo(-1);
        assertThat(head.headers()).containsExactly(new HttpHeader("X-Empty", ""), new HttpHeader("X-Blank", ""),
                new HttpHeader("Content-Length", ""));
    }

    @Test
    void obsFoldLinesAreJoinedForLookupsAndTheList() {
        HttpHead head = parse("HTTP/1.1 200 OK\r\nX-F: one\r\n two \r\n\tthree\r\nE:\r\n  late\r\nx-f: again\r\n\r\n");

        assertThat(head.headers()).containsExactly(new HttpHeader("X-F", "one two three"), new HttpHeader("E", "late"),
                new HttpHeader("x-f", "again"));
        assertThat(head.headers("x-F")).containsExactly("one two three", "again");
        assertThat(head.header("e")).contains("late");
        assertThat(head.count("X-F")).isEqualTo(2);
        assertThat(head.onlyValueIs("E", "LATE")).isTrue();
        assertThat(head.headers()).isSameAs(head.headers());
    }

    @Test
    void headersListIsBuiltOnceAndImmutable() {
        HttpHead head = parse("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n");

        List<HttpHeader> first = head.headers();

        assertThat(head.headers()).isSameAs(first);
        assertThat(first).containsExactly(new HttpHeader("A", "1"), new HttpHeader("B", "2"));
        assertThat(parse("GET / HTTP/1.1\r\n\r\n").headers()).isEmpty();
    }

    @Test
    void singleValueShortcutsNeedExactlyOneHeader() {
        HttpHead one = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: ChUnKeD\r\nContent-Length: 007\r\n\r\n");
        HttpHead two = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\ntransfer-encoding: chunked\r\n"
                + "Content-Length: 5\r\ncontent-length: 5\r\n\r\n");
        HttpHead odd = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\nContent-Length: 1 2\r\n"
                + "X-Long: 1234567890123456789\r\n\r\n");

        assertThat(one.onlyValueIs("transfer-encoding", "chunked")).isTrue();
        assertThat(one.onlyDigits("content-length")).isEqualTo(7);
        assertThat(two.onlyValueIs("Transfer-Encoding", "chunked")).isFalse();
        assertThat(two.onlyDigits("Content-Length")).isEqualTo(-1);
        assertThat(odd.onlyValueIs("Transfer-Encoding", "chunked")).isFalse();
        assertThat(odd.onlyDigits("Content-Length")).isEqualTo(-1);
        assertThat(odd.onlyDigits("X-Long")).isEqualTo(-1);
        assertThat(odd.onlyDigits("Missing")).isEqualTo(-1);
    }

    @Test
    void theHeadKeepsItsOwnBytes() {
        byte[] message = "GET /path HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        HttpHead head = HttpHead.parse(message);

        java.util.Arrays.fill(message, (byte) 'z');

        assertThat(head.target()).isEqualTo("/path");
        assertThat(head.header("host")).contains("a");
        assertThat(head.headers()).containsExactly(new HttpHeader("Host", "a"));
    }

    @Test
    void valueSemanticsAreThoseOfTheFormerRecord() {
        String text = "HTTP/1.1 404 Not Found\r\nServer: x\r\nA:  1 \r\n\r\n";
        HttpHead parsed = parse(text);
        HttpHead sameValuesOtherBytes = parse("HTTP/1.1 404 Not Found\nServer:x  \r\nA:1   \r\n\r\n");
        HttpHead built = HttpHead.of(false, "", "", "HTTP/1.1", 404, "Not Found",
                List.of(new HttpHeader("Server", "x"), new HttpHeader("A", "1")), text.length());

        assertThat(parsed).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(built).isEqualTo(parsed);
        assertThat(parsed).isEqualTo(parse(text)).hasSameHashCodeAs(parse(text));
        assertThat(sameValuesOtherBytes).isEqualTo(parsed).hasSameHashCodeAs(parsed);
        assertThat(parsed).isNotEqualTo(parse("HTTP/1.1 404 Not Found\r\nServer: x\r\nA:  2 \r\n\r\n"));
        assertThat(parsed).isNotEqualTo(parse("HTTP/1.1 404 Not found\r\nServer: x\r\nA:  1 \r\n\r\n"));
        assertThat(parsed.toString()).isEqualTo("HttpHead[request=false, method=, target=, version=HTTP/1.1, status=404,"
                + " reason=Not Found, headers=[HttpHeader[name=Server, value=x], HttpHeader[name=A, value=1]], length="
                + text.length() + "]");
        assertThat(built.toString()).isEqualTo(parsed.toString());
    }
}
