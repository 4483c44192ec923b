package dev.shadowtap.gor;

import dev.shadowtap.core.RecordingLog;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A file shaped like GoReplay 1.2.0's output reads completely, plain and gzip, including its unterminated last record. */
class GorFixtureTest {
    @TempDir
    Path dir;

    @Test
    void goReplayLikeFileReadsEveryRecord() throws IOException, URISyntaxException {
        Path file = Path.of(getClass().getResource("/gor/goreplay-1.2-nginx.gor").toURI());
        assertFixture(file);
    }

    @Test
    void sameFileGzippedReadsTheSame() throws IOException, URISyntaxException {
        Path plain = Path.of(getClass().getResource("/gor/goreplay-1.2-nginx.gor").toURI());
        Path gz = Files.write(dir.resolve("goreplay-1.2-nginx.gor.gz"), GorBytes.gzip(Files.readAllBytes(plain)));
        assertFixture(gz);
    }

    private static void assertFixture(Path file) throws IOException {
        StageStats stats = new StageStats("input-file");
        RecordingLog log = new RecordingLog();
        List<Message> read;
        try (GorReader reader = GorReader.open(file, stats, log)) {
            read = GorBytes.drain(reader);
        }
        assertThat(log.warnings()).isEmpty();
        assertThat(stats.droppedTotal()).isZero();
        assertThat(read).extracting(Message::type).containsExactly(MessageType.REQUEST, MessageType.RESPONSE,
                MessageType.RESPONSE, MessageType.REQUEST, MessageType.RESPONSE, MessageType.REQUEST,
                MessageType.REQUEST, MessageType.RESPONSE);
        assertThat(read).extracting(Message::id).allSatisfy(id -> assertThat(id).hasSize(24))
                .containsOnly("4b1d7c0e9a8f6e5d4c3b2a19", "77aa0c1e2f3a4b5c6d7e8f90");
        assertThat(text(read.get(2))).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        assertThat(read.get(2).latencyNs()).isEqualTo(120000);
        assertThat(text(read.get(3))).startsWith("POST /upload HTTP/1.1\r\n").endsWith("x".repeat(300));
        assertThat(read.get(5).payload()).isEmpty();
        assertThat(text(read.get(7))).endsWith("\r\n\r\nok");
        assertThat(read.get(7).timestampNs()).isEqualTo(1732412400005200000L);
    }

    private static String text(Message m) {
        return new String(m.payload(), StandardCharsets.ISO_8859_1);
    }
}
