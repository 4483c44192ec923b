package dev.shadowtap.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9112 section 6.3, one row per rule: head lines (joined with CRLF), request method, decision. */
class Http1BodyLengthTest {

    @ParameterizedTest(name = "{0} after {1}")
    @CsvSource(delimiter = '|', value = {
            "GET / HTTP/1.1                                          | -       | None[tunnel=false]",
            "POST / HTTP/1.1;Content-Length: 12                      | -       | Fixed[length=12]",
            "POST / HTTP/1.1;Content-Length: 7, 7;content-length: 7  | -       | Fixed[length=7]",
            "POST / HTTP/1.1;Transfer-Encoding: gzip, chunked        | -       | Chunked[]",
            "POST / HTTP/1.1;Transfer-Encoding: chunked;Content-Length: 3 | -  | Chunked[]",
            "POST / HTTP/1.1;Transfer-Encoding: chunked, gzip        | -       | Invalid[reason=BAD_TRANSFER_ENCODING, header=Transfer-Encoding, occurrence=0, detail=request Transfer-Encoding does not end in chunked: 'chunked, gzip']",
            "POST / HTTP/1.1;Content-Length: 3;Content-Length: 4     | -       | Invalid[reason=CONFLICTING_CONTENT_LENGTH, header=Content-Length, occurrence=1, detail=conflicting Content-Length values 3, 4]",
            "POST / HTTP/1.1;Content-Length: 0x10                    | -       | Invalid[reason=BAD_CONTENT_LENGTH, header=Content-Length, occurrence=0, detail=bad Content-Length '0x10']",
            "POST / HTTP/1.1;Content-Length: 1234567890123456789     | -       | Invalid[reason=BAD_CONTENT_LENGTH, header=Content-Length, occurrence=0, detail=bad Content-Length '1234567890123456789']",
            "HTTP/1.1 200 OK;Content-Length: 5                       | GET     | Fixed[length=5]",
            "HTTP/1.1 200 OK;Content-Length: 5                       | HEAD    | None[tunnel=false]",
            "HTTP/1.1 200 OK;Transfer-Encoding: chunked              | HEAD    | None[tunnel=false]",
            "HTTP/1.1 100 Continue                                   | GET     | None[tunnel=false]",
            "HTTP/1.1 103 Early Hints;Content-Length: 5              | GET     | None[tunnel=false]",
            "HTTP/1.1 101 Switching Protocols                        | GET     | None[tunnel=true]",
            "HTTP/1.1 200 Connection established                     | CONNECT | None[tunnel=true]",
            "HTTP/1.1 407 Proxy Auth;Content-Length: 2               | CONNECT | Fixed[length=2]",
            "HTTP/1.1 204 No Content;Content-Length: 9               | GET     | None[tunnel=false]",
            "HTTP/1.1 304 Not Modified;Transfer-Encoding: chunked    | GET     | None[tunnel=false]",
            "HTTP/1.1 200 OK;Transfer-Encoding: chunked;Content-Length: 9 | GET | Chunked[]",
            "HTTP/1.1 200 OK;Transfer-Encoding: gzip                 | GET     | UntilClose[]",
            "HTTP/1.0 200 OK                                         | GET     | UntilClose[]",
            "HTTP/1.1 200 OK;Content-Length: -1                      | GET     | Invalid[reason=BAD_CONTENT_LENGTH, header=Content-Length, occurrence=0, detail=bad Content-Length '-1']",
    })
    void decidesHowTheBodyEnds(String lines, String method, String decision) {
        HttpHead head = HttpHead.parse((lines.strip().replace(";", "\r\n") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(Http1BodyLength.of(head, method.equals("-") ? "" : method)).hasToString(decision);
    }
}
