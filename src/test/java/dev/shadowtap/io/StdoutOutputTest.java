package dev.shadowtap.io;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StdoutOutputTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final Message REQUEST = new Message(MessageType.REQUEST, "8f3a0000000000000000beef",
            1_700_000_000_123_456_789L, Message.NO_LATENCY, bytes("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"));
    private static final Message RESPONSE = new Message(MessageType.RESPONSE, "8f3a0000000000000000beef",
            1_700_000_000_223_456_789L, 1_234_567L,
            bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"));

    @Test
    void printsRecordsAsGoReplaysOutputStdoutWithAPlainNewlineAndFlushesAtClose() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdoutOutput stdout = new StdoutOutput(out, false, Duration.ofHours(1));
        stdout.write(REQUEST);
        stdout.write(RESPONSE);
        assertThat(out.size()).isZero(); // buffered

        stdout.close();

        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                "1 8f3a0000000000000000beef 1700000000123456789\n"
                        + "GET /a HTTP/1.1\r\nHost: x\r\n\r\n\n"
                        + "2 8f3a0000000000000000beef 1700000000223456789 1234567\n"
                        + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n\n");
        assertThatThrownBy(() -> stdout.write(REQUEST)).isInstanceOf(IOException.class);
    }

    @Test
    void prettifiesPayloadsAndCountsThoseItCannot() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Message binary = REQUEST.withPayload(bytes("\u0000\u0001 not http"));
        try (StdoutOutput stdout = new StdoutOutput(out, true, Duration.ofHours(1))) {
            stdout.write(RESPONSE);
            stdout.write(binary);
            stdout.write(REQUEST);
            assertThat(stdout.unprettified()).isEqualTo(1);
        }
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                "2 8f3a0000000000000000beef 1700000000223456789 1234567\n"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok\n"
                        + "1 8f3a0000000000000000beef 1700000000123456789\n\u0000\u0001 not http\n"
                        + "1 8f3a0000000000000000beef 1700000000123456789\nGET /a HTTP/1.1\r\nHost: x\r\n\r\n\n");
    }

    @Test
    void flushesPeriodicallyWhileOpenForInteractiveUse() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StdoutOutput stdout = new StdoutOutput(out, false, Duration.ofMillis(20))) {
            stdout.write(REQUEST);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (out.size() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).startsWith("1 8f3a0000000000000000beef ");
        }
    }
}
