package dev.shadowtap.middleware;

import dev.shadowtap.core.Reasons;
import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class HexLineTest {
    private static final long MAX = 1000;

    private static HexLine.Decoded decode(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        return HexLine.decode(bytes, bytes.length, MAX, new HexLine.Scratch());
    }

    private static String hex(String record) {
        return HexFormat.of().formatHex(record.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aLineIsTheHexOfHeaderNewlinePayloadThenANewlineAsGoReplayWritesIt() {
        Message m = new Message(MessageType.RESPONSE, "0a1b2c", 1_700_000_000_000_000_000L, 1234,
                "HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] line = HexLine.encode(m);
        assertThat(new String(line, StandardCharsets.US_ASCII))
                .isEqualTo(hex("2 0a1b2c 1700000000000000000 1234\nHTTP/1.1 200 OK\r\n\r\n") + "\n");
        assertThat(HexLine.decode(line, line.length - 1, MAX, new HexLine.Scratch()))
                .isEqualTo(new HexLine.Good(m));
    }

    @Test
    void everyByteValueSurvivesTheRoundTripAndUpperCaseHexIsRead() {
        byte[] payload = new byte[256];
        for (int i = 0; i < 256; i++) {
            payload[i] = (byte) i;
        }
        Message m = new Message(MessageType.REQUEST, "ff", 5, Message.NO_LATENCY, payload);
        String upper = new String(HexLine.encode(m), StandardCharsets.US_ASCII).strip().toUpperCase() + "\r";
        assertThat(decode(upper)).isEqualTo(new HexLine.Good(m));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            hello world                          | bad-hex    | not hex at column 1
            31203120320a0g                       | bad-hex    | not hex at column 14
            abc                                  | odd-length | odd number of hex digits (3)
            ''                                   | bad-header | no header line
            HEX:GET / HTTP/1.1                   | bad-header | no header line
            HEX:9 ab 12\\nGET /                  | bad-header | bad header line
            HEX:1 xyz 12\\nGET /                 | bad-header | non-hex id in header
            HEX:1 ab twelve\\nGET /              | bad-header | bad timestamp in header
            HEX:\\nGET /                         | bad-header | empty header line
            """)
    void aBadLineIsABadResultWithItsReason(String line, String reason, String problem) {
        String text = line.startsWith("HEX:") ? hex(line.substring(4).replace("\\n", "\n")) : line;
        assertThat(decode(text)).isEqualTo(new HexLine.Bad(Reasons.labelled(reason), problem));
    }

    @Test
    void aPayloadOverTheLimitIsTooLargeAndOneAtTheLimitPasses() {
        String header = "1 ab 12\n";
        assertThat(decode(hex(header + "x".repeat((int) MAX)))).isInstanceOf(HexLine.Good.class);
        assertThat(decode(hex(header + "x".repeat((int) MAX + 1))))
                .isEqualTo(new HexLine.Bad(Reason.TOO_LARGE, "payload of 1001 bytes is over 1000 (--copy-buffer-size)"));
    }
}
