package dev.shadowtap.io.file;

import dev.shadowtap.gor.GorReader;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared helpers of the FileOutput tests: messages, a settable clock, a log that keeps its lines, readers. */
final class FileOutputFixture {
    private FileOutputFixture() {
    }

    /** A request or response with a printable payload of {@code size} bytes. */
    static Message message(int n, MessageType type, int size, SplittableRandom random) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (' ' + random.nextInt(95));
        }
        byte[] head = ("GET /" + n + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, payload, 0, Math.min(head.length, size));
        return new Message(type, String.format("%024x", n), 1_700_000_000_000_000_000L + n, 1000L + n, payload);
    }

    static List<Message> messages(int count, int minSize, int maxSize, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MessageType type = i % 2 == 0 ? MessageType.REQUEST : MessageType.RESPONSE;
            messages.add(message(i, type, random.nextInt(minSize, maxSize + 1), random));
        }
        return messages;
    }

    /** The chunks of {@code name} in {@code dir}, in numeric index order (so _2 before _10). */
    static List<Path> chunks(Path dir, String name) throws IOException {
        ChunkName chunks = ChunkName.of(dir.resolve(name));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> chunks.indexOf(f.getFileName().toString()) >= 0)
                    .sorted(Comparator.comparingInt(f -> chunks.indexOf(f.getFileName().toString())))
                    .toList();
        }
    }

    /** Every record of the files, in order; fails on any warning of the reader. */
    static List<Message> readAll(List<Path> files) throws IOException {
        List<Message> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(read(file));
        }
        return all;
    }

    static List<Message> read(Path file) throws IOException {
        RecordingLog log = new RecordingLog();
        StageStats stats = new StageStats("read");
        List<Message> records = new ArrayList<>();
        try (GorReader reader = GorReader.open(file, stats, log)) {
            for (Message m = reader.next(); m != null; m = reader.next()) {
                records.add(m);
            }
        }
        assertThat(log.lines).as("reader warnings for " + file).isEmpty();
        assertThat(stats.droppedTotal()).as("records the reader dropped in " + file).isZero();
        return records;
    }

    /** A log that keeps what it was told. */
    static final class RecordingLog implements Log {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void warn(String line) {
            lines.add("warn: " + line);
        }

        @Override
        public void info(String line) {
            lines.add("info: " + line);
        }
    }

    /** A clock the test moves by hand. */
    static final class SettableClock extends Clock {
        private final ZoneId zone;
        private volatile Instant now;

        SettableClock(Instant now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new SettableClock(now, newZone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
