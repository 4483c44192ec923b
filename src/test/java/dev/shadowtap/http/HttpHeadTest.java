package dev.shadowtap.http;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HttpHeadTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void parsesARequestKeepingHeaderOrderAndCase() {
        byte[] message = bytes("POST /a?b=c HTTP/1.1\r\nHost: x\r\nX-Dup: 1\r\ncontent-TYPE:text/plain \r\nx-dup: 2\r\n\r\nbody");

        HttpHead head = HttpHead.parse(message);

        assertThat(head.request()).isTrue();
        assertThat(head.method()).isEqualTo("POST");
        assertThat(head.target()).isEqualTo("/a?b=c");
        assertThat(head.version()).isEqualTo("HTTP/1.1");
        assertThat(head.status()).isEqualTo(-1);
        assertThat(head.headers()).containsExactly(new HttpHeader("Host", "x"), new HttpHeader("X-Dup", "1"),
                new HttpHeader("content-TYPE", "text/plain"), new HttpHeader("x-dup", "2"));
        assertThat(head.header("CONTENT-type")).contains("text/plain");
        assertThat(head.headers("x-DUP")).containsExactly("1", "2");
        assertThat(head.header("Missing")).isEmpty();
        assertThat(head.length()).isEqualTo(message.length - 4);
        assertThat(head.startLine()).isEqualTo("POST /a?b=c HTTP/1.1");
    }

    @Test
    void parsesAResponseWithBareLineFeedsAndObsFold() {
        HttpHead head = HttpHead.parse(bytes("HTTP/1.0 503 Service Unavailable\nX-Folded: one\n two\n\tthree\nA:\n  late\n\n"));

        assertThat(head.isResponse()).isTrue();
        assertThat(head.status()).isEqualTo(503);
        assertThat(head.reason()).isEqualTo("Service Unavailable");
        assertThat(head.headers()).containsExactly(new HttpHeader("X-Folded", "one two three"), new HttpHeader("A", "late"));
        assertThat(head.isInterim()).isFalse();
    }

    @Test
    void statusLineMayLackTheReason() {
        HttpHead head = HttpHead.parse(bytes("HTTP/1.1 103\r\n\r\n"));

        assertThat(head.status()).isEqualTo(103);
        assertThat(head.reason()).isEmpty();
        assertThat(head.isInterim()).isTrue();
        assertThat(head.startLine()).isEqualTo("HTTP/1.1 103");
        assertThat(HttpHead.parse(bytes("HTTP/1.1 101 Switching Protocols\r\n\r\n")).isInterim()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void capturedHttp2RecordsParseAsAnyOther() {
        HttpHead request = HttpHead.parse(bytes("POST /pkg.Svc/Method HTTP/2.0\r\nHost: a:1\r\n\r\n"));
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.target()).isEqualTo("/pkg.Svc/Method");
        assertThat(request.version()).isEqualTo("HTTP/2.0");
        assertThat(HttpHead.parse(bytes("HTTP/2.0 200 OK\r\n\r\n")).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "HTTP/3.0 200 OK\\r\\n\\r\\n                | BAD_START_LINE | 0",
            "HTTP/2.1 200 OK\\r\\n\\r\\n                | BAD_START_LINE | 0",
            "GET / HTTP/2\\r\\n\\r\\n                   | BAD_START_LINE | 0",
            "GET  / HTTP/1.1\\r\\n\\r\\n                | BAD_START_LINE | 0",
            "GET /\\r\\n\\r\\n                          | BAD_START_LINE | 0",
            "HTTP/1.1 20 OK\\r\\n\\r\\n                 | BAD_START_LINE | 0",
            "HTTP/1.1 200OK\\r\\n\\r\\n                 | BAD_START_LINE | 0",
            "GET / HTTP/1.1\\r\\nNoColon\\r\\n\\r\\n      | BAD_HEADER     | 23",
            "GET / HTTP/1.1\\r\\nName : v\\r\\n\\r\\n      | BAD_HEADER     | 20",
            "GET / HTTP/1.1\\r\\n: v\\r\\n\\r\\n           | BAD_HEADER     | 16",
            "GET / HTTP/1.1\\r\\n folded\\r\\n\\r\\n      | BAD_HEADER     | 16",
            "GET / HTTP/1.1\\r\\nHost: x\\r\\n           | STREAM_ENDED   | 25",
            "GET / HTTP/1.1                         | STREAM_ENDED   | 14",
    })
    void reportsWhatIsWrongAndWhere(String text, FramingError.Reason reason, int index) {
        byte[] message = bytes(text.strip().replace("\\r", "\r").replace("\\n", "\n"));

        HttpHeadException e = catchThrowableOfType(HttpHeadException.class, () -> HttpHead.parse(message));

        assertThat(e).as("expected an error for %s", text).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.index()).isEqualTo(index);
        assertThat(e.getMessage()).doesNotContain("\n").contains("at byte " + index);
        assertThat(HttpHead.tryParse(message)).isEqualTo(Optional.empty());
    }

    @Test
    void headersAreCopiedAndImmutable() {
        HttpHead head = HttpHead.parse(bytes("GET / HTTP/1.1\r\nA: 1\r\n\r\n"));

        assertThatThrownBy(() -> head.headers().add(new HttpHeader("B", "2"))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(head.headers()).isEqualTo(List.of(new HttpHeader("A", "1")));
    }

    @Property(tries = 500)
    void randomBytesEitherParseOrFailWithAHeadException(@ForAll byte[] message) {
        try {
            HttpHead head = HttpHead.parse(message);
            assertThat(head.length()).isBetween(1, message.length);
        } catch (HttpHeadException e) {
            assertThat(e.index()).isBetween(0, message.length);
        }
    }
}
