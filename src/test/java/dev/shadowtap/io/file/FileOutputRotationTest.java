package dev.shadowtap.io.file;

import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.shadowtap.io.file.FileOutputFixture.chunks;
import static dev.shadowtap.io.file.FileOutputFixture.messages;
import static dev.shadowtap.io.file.FileOutputFixture.read;
import static dev.shadowtap.io.file.FileOutputFixture.readAll;
import static org.assertj.core.api.Assertions.assertThat;

/** Chunking without --output-file-append: by size, by record count, by name, and across restarts. */
class FileOutputRotationTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final GorWriter SIZER = GorWriter.file(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    private FileOutputConfig config(String name, long sizeLimit, int queueLimit) {
        return new FileOutputConfig(dir.resolve(name).toString(), false, sizeLimit, queueLimit, 0, HOUR);
    }

    private static void writeAll(FileOutput out, List<Message> messages) throws Exception {
        for (Message m : messages) {
            out.write(m);
        }
    }

    @Test
    void sizeLimitClosesAChunkOnceItIsReachedAndNeverSplitsARecord() throws Exception {
        long limit = 2000;
        List<Message> written = messages(600, 1, 900, 42);
        StageStats stats = new StageStats("file");
        long total;
        try (FileOutput out = new FileOutput(config("requests.gor", limit, 0), stats, Log.SILENT)) {
            writeAll(out, written);
            total = out.totalBytes();
        }

        List<Path> chunks = chunks(dir, "requests.gor");
        assertThat(chunks).hasSizeGreaterThan(11);
        // Numeric order is not the directory's lexicographic order: requests_10 sorts before requests_2.
        List<Path> lexicographic = chunks.stream().sorted(Comparator.comparing(Path::toString)).toList();
        assertThat(lexicographic).isNotEqualTo(chunks);
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(chunks.get(i).getFileName().toString()).isEqualTo("requests_" + i + ".gor");
        }
        List<Message> back = readAll(chunks);
        assertThat(back).containsExactlyElementsOf(written);

        for (int i = 0; i < chunks.size(); i++) {
            List<Message> records = read(chunks.get(i));
            long size = Files.size(chunks.get(i));
            assertThat(size).isEqualTo(records.stream().mapToLong(SIZER::sizeOf).sum());
            if (i < chunks.size() - 1) {
                // Full once it reached the limit, and not a record later.
                assertThat(size).as(chunks.get(i).toString()).isGreaterThanOrEqualTo(limit);
                assertThat(size - SIZER.sizeOf(records.getLast())).as(chunks.get(i).toString()).isLessThan(limit);
            }
        }
        assertThat(total).isEqualTo(written.stream().mapToLong(SIZER::sizeOf).sum());
        assertThat(stats.droppedTotal()).isZero();
    }

    @Test
    void aRecordLargerThanTheSizeLimitGetsAWholeChunk() throws Exception {
        List<Message> written = messages(5, 3000, 3000, 1);
        try (FileOutput out = new FileOutput(config("big.gor", 100, 0), new StageStats("file"), Log.SILENT)) {
            writeAll(out, written);
        }
        List<Path> chunks = chunks(dir, "big.gor");
        assertThat(chunks).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(read(chunks.get(i))).containsExactly(written.get(i));
        }
    }

    @Test
    void queueLimitClosesAChunkAfterThatManyRecords() throws Exception {
        List<Message> written = messages(50, 10, 200, 2);
        try (FileOutput out = new FileOutput(config("q.gor", 0, 7), new StageStats("file"), Log.SILENT)) {
            writeAll(out, written);
        }
        List<Path> chunks = chunks(dir, "q.gor");
        assertThat(chunks).hasSize(8);
        for (int i = 0; i < 8; i++) {
            assertThat(read(chunks.get(i))).containsExactlyElementsOf(written.subList(7 * i, Math.min(50, 7 * i + 7)));
        }
    }

    @Test
    void typePlaceholderSendsEachTypeToItsOwnChunks() throws Exception {
        List<Message> written = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(3);
        MessageType[] types = MessageType.values();
        for (int i = 0; i < 90; i++) {
            written.add(FileOutputFixture.message(i, types[i % 3], 50, random));
        }
        try (FileOutput out = new FileOutput(config("t%t.gor", 0, 20), new StageStats("file"), Log.SILENT)) {
            writeAll(out, written);
        }
        for (MessageType type : types) {
            List<Path> chunks = chunks(dir, "t" + type.code() + ".gor");
            assertThat(chunks).extracting(p -> p.getFileName().toString())
                    .containsExactly("t" + type.code() + "_0.gor", "t" + type.code() + "_1.gor");
            assertThat(readAll(chunks)).containsExactlyElementsOf(
                    written.stream().filter(m -> m.type() == type).toList());
        }
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(6);
        }
    }

    @Test
    void anHourChangeStartsTheNextNameAndClosesTheOldFiles() throws Exception {
        FileOutputFixture.SettableClock clock = new FileOutputFixture.SettableClock(
                Instant.parse("2026-11-24T09:59:58Z"), ZoneId.of("Europe/Berlin"));
        List<Message> written = messages(10, 10, 100, 4);
        try (FileOutput out = new FileOutput(config("h-%Y%m%d-%H.gor", 0, 0), new StageStats("file"),
                Log.SILENT, clock, "inst")) {
            writeAll(out, written.subList(0, 4));
            clock.set(Instant.parse("2026-11-24T09:59:59.999Z"));
            writeAll(out, written.subList(4, 6));
            clock.set(Instant.parse("2026-11-24T10:00:00Z"));
            writeAll(out, written.subList(6, 10));
            // The 10:00 UTC hour is 11 in Berlin; the file of hour 10 is complete and closed already.
            Path previous = dir.resolve("h-20261124-10_0.gor");
            assertThat(read(previous)).containsExactlyElementsOf(written.subList(0, 6));
            assertThat(out.files()).containsExactly(previous, dir.resolve("h-20261124-11_0.gor"));
        }
        assertThat(read(dir.resolve("h-20261124-11_0.gor"))).containsExactlyElementsOf(written.subList(6, 10));
    }

    @Test
    void aRestartContinuesAfterTheHighestChunkAndLeavesOldFilesAlone() throws Exception {
        List<Message> first = messages(25, 10, 100, 5);
        List<Message> second = messages(6, 10, 100, 6);
        try (FileOutput out = new FileOutput(config("r.gor", 0, 2), new StageStats("file"), Log.SILENT)) {
            writeAll(out, first);
        }
        List<Path> before = chunks(dir, "r.gor");
        assertThat(before).hasSize(13);
        Map<Path, byte[]> contents = new HashMap<>();
        for (Path p : before) {
            contents.put(p, Files.readAllBytes(p));
        }

        try (FileOutput out = new FileOutput(config("r.gor", 0, 2), new StageStats("file"), Log.SILENT)) {
            writeAll(out, second);
            assertThat(out.files()).extracting(p -> p.getFileName().toString())
                    .containsExactly("r_13.gor", "r_14.gor", "r_15.gor");
        }
        for (Path p : before) {
            assertThat(Files.readAllBytes(p)).as(p.toString()).isEqualTo(contents.get(p));
        }
        List<Message> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(readAll(chunks(dir, "r.gor"))).containsExactlyElementsOf(all);
    }

    @Test
    void aRestartOnGzipChunksStartsANewChunk() throws Exception {
        List<Message> first = messages(3, 10, 100, 7);
        List<Message> second = messages(3, 10, 100, 8);
        try (FileOutput out = new FileOutput(config("z.gor.gz", 0, 0), new StageStats("file"), Log.SILENT)) {
            writeAll(out, first);
        }
        byte[] old = Files.readAllBytes(dir.resolve("z_0.gor.gz"));
        try (FileOutput out = new FileOutput(config("z.gor.gz", 0, 0), new StageStats("file"), Log.SILENT)) {
            writeAll(out, second);
        }
        assertThat(Files.readAllBytes(dir.resolve("z_0.gor.gz"))).isEqualTo(old);
        assertThat(read(dir.resolve("z_0.gor.gz"))).containsExactlyElementsOf(first);
        assertThat(read(dir.resolve("z_1.gor.gz"))).containsExactlyElementsOf(second);
    }

    @Test
    void aChunkSomeoneElseCreatedMeanwhileIsSkippedNotOverwritten() throws Exception {
        List<Message> written = messages(4, 10, 100, 9);
        try (FileOutput out = new FileOutput(config("s.gor", 0, 2), new StageStats("file"), Log.SILENT)) {
            writeAll(out, written.subList(0, 2));
            Files.writeString(dir.resolve("s_1.gor"), "not ours");
            Files.writeString(dir.resolve("s_2.gor"), "not ours either");
            writeAll(out, written.subList(2, 4));
        }
        assertThat(Files.readString(dir.resolve("s_1.gor"))).isEqualTo("not ours");
        assertThat(Files.readString(dir.resolve("s_2.gor"))).isEqualTo("not ours either");
        assertThat(read(dir.resolve("s_0.gor"))).containsExactlyElementsOf(written.subList(0, 2));
        assertThat(read(dir.resolve("s_3.gor"))).containsExactlyElementsOf(written.subList(2, 4));
    }

    @Test
    void gzipChunksHoldExactlyTheBytesOfPlainChunks() throws Exception {
        List<Message> written = messages(300, 1, 700, 10);
        try (FileOutput plain = new FileOutput(config("p.gor", 5000, 40), new StageStats("file"), Log.SILENT);
             FileOutput gzip = new FileOutput(config("g.gor.gz", 5000, 40), new StageStats("file"), Log.SILENT)) {
            for (Message m : written) {
                plain.write(m);
                gzip.write(m);
            }
        }
        List<Path> plainChunks = chunks(dir, "p.gor");
        List<Path> gzipChunks = chunks(dir, "g.gor.gz");
        assertThat(gzipChunks).hasSameSizeAs(plainChunks).hasSizeGreaterThan(3);
        for (int i = 0; i < plainChunks.size(); i++) {
            assertThat(gzipChunks.get(i).getFileName().toString()).isEqualTo("g_" + i + ".gor.gz");
            try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gzipChunks.get(i)))) {
                assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(plainChunks.get(i)));
            }
        }
        assertThat(readAll(gzipChunks)).containsExactlyElementsOf(written);
    }

    @Test
    void zoneOffsetOfTheClockNamesTheFiles() throws Exception {
        FileOutputFixture.SettableClock clock = new FileOutputFixture.SettableClock(
                Instant.parse("2026-01-01T00:30:00Z"), ZoneOffset.ofHours(-5));
        try (FileOutput out = new FileOutput(config("%Y-%H-%i.gor", 0, 0), new StageStats("file"), Log.SILENT,
                clock, "node7")) {
            out.write(messages(1, 10, 10, 11).getFirst());
        }
        assertThat(dir.resolve("2025-19-node7_0.gor")).exists();
    }
}
