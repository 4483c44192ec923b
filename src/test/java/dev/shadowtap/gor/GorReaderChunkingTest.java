package dev.shadowtap.gor;

import dev.shadowtap.core.RecordingLog;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream's read sizes never change what is read: every split point, and records larger than the buffer. */
class GorReaderChunkingTest {
    @Test
    void everyReadSizeFromOneToThirtyGivesTheSameRecords() throws IOException, URISyntaxException {
        byte[] file = Files.readAllBytes(Path.of(getClass().getResource("/gor/goreplay-1.2-nginx.gor").toURI()));
        List<Message> whole = GorBytes.readAll(file, "f", new StageStats("s"), new RecordingLog());
        assertThat(whole).hasSize(8);
        for (int chunk = 1; chunk <= 30; chunk++) {
            RecordingLog log = new RecordingLog();
            try (GorReader reader = new GorReader(new Trickle(new ByteArrayInputStream(file), chunk), "f",
                    new StageStats("s"), log)) {
                assertThat(GorBytes.drain(reader)).as("read %d bytes at a time", chunk).containsExactlyElementsOf(whole);
            }
            assertThat(log.warnings()).isEmpty();
        }
    }

    @Test
    void recordsLargerThanTheBufferAndSeparatorsAcrossReadBoundaries() throws IOException {
        Random random = new Random(11);
        List<Message> records = new ArrayList<>();
        int[] sizes = {0, 1, (1 << 20) - 30, 1 << 20, 9 << 20, 3, (1 << 20) + 17, 5 << 20, 70_000};
        for (int i = 0; i < sizes.length; i++) {
            byte[] payload = new byte[sizes[i]];
            for (int k = 0; k < payload.length; k++) {
                payload[k] = (byte) (i % 2 == 0 ? 'a' + random.nextInt(26) : random.nextInt(256));
            }
            if (!GorFormatProperties.unambiguous(payload)) {
                payload[payload.length / 2] = 'x';
            }
            records.add(new Message(MessageType.REQUEST, "abc" + i, 1000L + i, i, payload));
        }
        byte[] bytes = GorBytes.writeAll(records);
        for (int chunk : new int[] {1 << 20, 65_537, 4093}) {
            StageStats stats = new StageStats("s");
            try (GorReader reader = new GorReader(new Trickle(new ByteArrayInputStream(bytes), chunk), "f", stats,
                    new RecordingLog())) {
                assertThat(GorBytes.drain(reader)).containsExactlyElementsOf(records);
            }
            assertThat(stats.droppedTotal()).isZero();
        }
    }

    /** A stream that hands out at most {@code chunk} bytes per read, as pipes and gzip do. */
    private static final class Trickle extends FilterInputStream {
        private final int chunk;

        Trickle(InputStream in, int chunk) {
            super(in);
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
