package dev.shadowtap.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The framing judgement the reader's repairs rest on; {@code \r\n} written as {@code |} and a bare {@code \n} as {@code ~} in the table, and {@code ^}
 * marking where the message ends when the expectation is {@code end}. */
class MessageLengthTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            bodiless GET;                  GET / HTTP/1.1|Host: a||^;                             end
            GET with extra bytes;          GET / HTTP/1.1|Host: a||^1 ab 1;                       end
            POST with Content-Length;      POST /x HTTP/1.1|Content-Length: 3||abc^;              end
            POST cut short;                POST /x HTTP/1.1|Content-Length: 30||abc;              70
            content-length any case;       POST /x HTTP/1.1|cOnTeNt-LeNgTh:  2 ||ab^;             end
            conflicting lengths;           POST /x HTTP/1.1|Content-Length: 2|Content-Length: 3||ab; -1
            chunked request;               POST /x HTTP/1.1|Transfer-Encoding: chunked||0||^;     end
            chunked response;              HTTP/1.1 200 OK|Transfer-Encoding: chunked||5|hello|1a|abcdefghijklmnopqrstuvwxyz|0||^; end
            chunked, trailer, extension;   'HTTP/1.1 200 OK|Transfer-Encoding: gzip, Chunked||5;x=y|hello|0|X-Sum: 1||^'; end
            chunked then a record header;  HTTP/1.1 200 OK|Transfer-Encoding: chunked||3|abc|0||^1 ab 1~; end
            chunked cut in a chunk;        HTTP/1.1 200 OK|Transfer-Encoding: chunked||5|hel;     -3
            chunked cut before last chunk; HTTP/1.1 200 OK|Transfer-Encoding: chunked||5|hello|;  -3
            chunked cut in trailers;       HTTP/1.1 200 OK|Transfer-Encoding: chunked||0|X-Sum: 1; -3
            chunked bad size;              HTTP/1.1 200 OK|Transfer-Encoding: chunked||zz|hello|0||; -1
            chunk longer than its size;    HTTP/1.1 200 OK|Transfer-Encoding: chunked||2|hello|0||; -1
            other transfer coding;         HTTP/1.1 200 OK|Transfer-Encoding: identity||body;    -1
            response with length;          HTTP/1.1 200 OK|Content-Length: 2||ok^;                end
            close-delimited response;      HTTP/1.0 200 OK||body;                                 -1
            204 has no body;               HTTP/1.1 204 No Content|Content-Length: 9||^;          end
            304 has no body;               HTTP/1.1 304 Not Modified||^;                          end
            100 continue;                  HTTP/1.1 100 Continue||^;                              end
            LF-only lines;                 GET / HTTP/1.1~Host: a~~^;                          end
            headers cut;                   GET / HTTP/1.1|Host: exa;                              -2
            request line cut;              GET /very/long;                                        -2
            not HTTP;                      hello world|;                                          -1
            lower-case method;             get / HTTP/1.1||;                                      -1
            request line without version;  GET /|Host: a||;                                       -1
            binary;                        \u0000\u0001GET;                                       -1
            empty;                         '';                                                    -1
            bad status;                    HTTP/1.1 2x0 OK||;                                     -1
            bad length;                    POST / HTTP/1.1|Content-Length: 1e3||;                 -1
            """)
    void lengthFromHeaders(String name, String message, String expected) {
        String text = message.replace("|", "\r\n").replace("~", "\n").replace("\\u0000", "\0").replace("\\u0001", "\1");
        int marker = text.indexOf('^');
        byte[] bytes = ("xx" + text.replace("^", "") + "yy").getBytes(StandardCharsets.ISO_8859_1);
        long want = expected.equals("end") ? marker : Long.parseLong(expected);
        assertThat(MessageLength.of(bytes, 2, bytes.length - 2)).isEqualTo(want);
    }

    /** As the framer: a Content-Length list of one number repeated is that number; of two numbers, no length. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            one number repeated;   'POST /x HTTP/1.1|Content-Length: 2, 2||ab';   44
            two numbers;           'POST /x HTTP/1.1|Content-Length: 2,3||ab';    -1
            empty part;            'POST /x HTTP/1.1|Content-Length: 2,||ab';     -1
            """)
    void aContentLengthListCountsWhenItsNumbersAgree(String name, String message, long expected) {
        byte[] bytes = message.replace("|", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(MessageLength.of(bytes, 0, bytes.length)).isEqualTo(expected);
    }
}
