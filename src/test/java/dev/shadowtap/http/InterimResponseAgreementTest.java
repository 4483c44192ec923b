package dev.shadowtap.http;

import dev.shadowtap.core.InterimResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one interim-response test read two ways, from raw payload bytes (the pipeline's verdict pairing,
 * the comparison) and from a parsed head (the framer, the replay, the capture): they agree on every
 * status code, with and without a reason phrase, CRLF or bare LF.
 */
class InterimResponseAgreementTest {
    @Test
    void payloadBytesAndParsedHeadAgreeOnEveryStatus() {
        int interim = 0;
        for (int status = 100; status <= 999; status++) {
            for (String line : List.of("HTTP/1.1 " + status + " Reason\r\n\r\n", "HTTP/1.0 " + status + "\r\n\r\n",
                    "HTTP/1.1 " + status + "\n\n")) {
                byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
                boolean parsed = HttpHead.parse(b).isInterim();
                assertThat(InterimResponse.startsPayload(b)).as(line).isEqualTo(parsed);
                assertThat(parsed).as(line).isEqualTo(status >= 100 && status < 200 && status != 101);
                interim += parsed ? 1 : 0;
            }
        }
        assertThat(interim).isEqualTo(3 * 99);
    }

    @Test
    void aRequestIsNeverInterim() {
        byte[] b = "GET /100 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(InterimResponse.startsPayload(b)).isFalse();
        assertThat(HttpHead.parse(b).isInterim()).isFalse();
    }
}
