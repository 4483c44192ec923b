package dev.shadowtap.gor;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens after the header line's four fields (HTTP/2's) survive a .gor file and the middleware's record form unchanged. */
class GorExtraTokensTest {
    private static final String H2_REQUEST = "POST /pkg.Svc/Method HTTP/2.0\r\nHost: a:1\r\ncontent-type: application/grpc\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\ngrpc-status: 0\r\n\r\n";

    private static List<Message> sample() {
        return List.of(
                new Message(MessageType.REQUEST, "0a1b2c3d4e5f60718293a4b5", 1732412400000000000L, 1500,
                        H2_REQUEST.getBytes(StandardCharsets.ISO_8859_1))
                        .withExtra("h2 stream=1 pseudo=method,scheme,authority,path scheme=http framing=chunked"),
                new Message(MessageType.RESPONSE, "0a1b2c3d4e5f60718293a4b5", 1732412400000002000L, 10,
                        "HTTP/2.0 200 OK\r\ncontent-length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1))
                        .withExtra("h2 stream=1 pseudo=status rst=CANCEL"),
                new Message(MessageType.REQUEST, "ff", 5, Message.NO_LATENCY, "GET / HTTP/1.1\r\n\r\n".getBytes()));
    }

    @Test
    void aRecordingRoundTripsThroughAGorFileUnchanged() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        GorWriter writer = GorWriter.file(file);
        int size = 0;
        for (Message m : sample()) {
            assertThat(writer.write(m)).isEqualTo(writer.sizeOf(m));
            size += writer.sizeOf(m);
        }
        assertThat(file.size()).isEqualTo(size);
        assertThat(file.toString(StandardCharsets.ISO_8859_1)).startsWith("1 0a1b2c3d4e5f60718293a4b5 1732412400000000000 1500 h2 stream=1 ");
        StageStats stats = new StageStats("file");
        List<Message> read = new ArrayList<>();
        try (GorReader reader = new GorReader(new ByteArrayInputStream(file.toByteArray()), "t.gor", stats, new dev.shadowtap.core.RecordingLog())) {
            Message m;
            while ((m = reader.next()) != null) {
                read.add(m);
            }
        }
        assertThat(read).containsExactlyElementsOf(sample());
        assertThat(stats.snapshot().drops()).isEmpty();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        GorWriter second = GorWriter.file(again);
        for (Message m : read) {
            second.write(m);
        }
        assertThat(again.toByteArray()).isEqualTo(file.toByteArray());
    }

    @Test
    void theMiddlewaresRecordFormKeepsThem() {
        for (Message m : sample()) {
            byte[] record = GorRecord.bytes(m);
            assertThat(GorRecord.parse(record, record.length)).isEqualTo(new GorRecord.Valid(m));
        }
    }

    @Test
    void aMissingSeparatorBeforeARecordWithTokensIsStillFoundAndRepaired() throws Exception {
        String glued = "1 ab 1 2\r\nGET /a HTTP/1.1\r\n\r\n" + "1 cd 3 4 h2 stream=3 pseudo=method,path\nGET /b HTTP/2.0\r\n\r\n";
        glued = glued.replaceFirst("\r\n", "\n");
        StageStats stats = new StageStats("file");
        List<Message> read = new ArrayList<>();
        try (GorReader reader = new GorReader(new ByteArrayInputStream(glued.getBytes(StandardCharsets.ISO_8859_1)), "t.gor", stats, new dev.shadowtap.core.RecordingLog())) {
            Message m;
            while ((m = reader.next()) != null) {
                read.add(m);
            }
        }
        assertThat(read).extracting(Message::id).containsExactly("ab", "cd");
        assertThat(read.get(1).extra()).isEqualTo("h2 stream=3 pseudo=method,path");
    }
}
