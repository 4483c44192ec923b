package dev.shadowtap.io.kafka;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GoReplay's KafkaMessage JSON: its field names and order, Go's header forms, and Dump's rebuild. */
class KafkaJsonTest {
    private static final String REQUEST = "POST /api/items?q=1 HTTP/1.1\r\nhost: shop\r\nx-tag: a\r\nContent-Length: 9\r\n"
            + "X-TAG:  b \r\n\r\n{\"n\":\"é\"}";

    @Test
    void aRequestIsWrittenWithGoReplaysFieldsInItsOrderHeadersCanonicalJoinedAndSorted() {
        Message m = new Message(MessageType.REQUEST, "0123456789abcdef01234567", 1_700_000_000_123_456_789L, 5,
                REQUEST.getBytes(StandardCharsets.UTF_8));
        String json = new String(KafkaJson.encode(m), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"Req_URL\":\"/api/items?q=1\",\"Req_Type\":\"1\",\"Req_ID\":\"0123456789abcdef01234567\","
                + "\"Req_Ts\":\"1700000000123456789\",\"Req_Method\":\"POST\",\"Req_Body\":\"{\\\"n\\\":\\\"é\\\"}\","
                + "\"Req_Headers\":{\"Content-Length\":\"9\",\"Host\":\"shop\",\"X-Tag\":\"a, b\"}}");
    }

    @Test
    void dumpRebuildsTheRequestAsGoReplayDoesWithHttp11() throws IOException {
        Message m = new Message(MessageType.REQUEST, "0123456789abcdef01234567", 42, 5,
                REQUEST.getBytes(StandardCharsets.UTF_8));
        String record = new String(KafkaJson.dump(KafkaJson.encode(m)), StandardCharsets.UTF_8);
        assertThat(record).isEqualTo("1 0123456789abcdef01234567 42\nPOST /api/items?q=1 HTTP/1.1\r\n"
                + "Content-Length: 9\r\nHost: shop\r\nX-Tag: a, b\r\n\r\n{\"n\":\"é\"}");
    }

    @Test
    void aBodylessRequestOmitsTheBodyAndANameGoDoesNotTakeStaysAsItIs() {
        Message m = new Message(MessageType.REQUEST, "ab", 1, Message.NO_LATENCY,
                "GET / HTTP/1.0\r\nweird name: v\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(KafkaJson.encode(m), StandardCharsets.UTF_8)).isEqualTo(
                "{\"Req_URL\":\"/\",\"Req_Type\":\"1\",\"Req_ID\":\"ab\",\"Req_Ts\":\"1\",\"Req_Method\":\"GET\","
                        + "\"Req_Headers\":{\"weird name\":\"v\"}}");
        assertThat(KafkaJson.canonical("content-TYPE")).isEqualTo("Content-Type");
    }

    @Test
    void somethingThatIsNotAJsonObjectIsRefused() {
        assertThatThrownBy(() -> KafkaJson.dump("[1]".getBytes())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> KafkaJson.dump("{\"Req_URL\":".getBytes())).isInstanceOf(IOException.class);
    }
}
