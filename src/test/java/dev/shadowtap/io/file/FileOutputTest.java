package dev.shadowtap.io.file;

import dev.shadowtap.core.Reason;
import dev.shadowtap.gor.GorReader;
import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import static dev.shadowtap.io.file.FileOutputFixture.messages;
import static dev.shadowtap.io.file.FileOutputFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Append mode, the total size limit, flushing, closing and failures, on real files. */
class FileOutputTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final GorWriter SIZER = GorWriter.file(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    private FileOutputConfig config(String name) {
        return new FileOutputConfig(dir.resolve(name).toString(), false, 0, 0, 0, HOUR);
    }

    @Test
    void aNameWithoutTimeReadsNoClockPerRecord() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        Clock counting = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                reads.incrementAndGet();
                return Instant.EPOCH;
            }
        };
        List<Message> written = messages(1000, 1, 1000, 20);
        FileOutput out = new FileOutput(FileOutputConfig.defaults(dir.resolve("plain.gor").toString())
                .withFlushInterval(HOUR), new StageStats("file"), Log.SILENT, counting, "i");
        for (Message m : written) {
            out.write(m);
        }
        out.close();
        assertThat(FileOutputFixture.readAll(FileOutputFixture.chunks(dir, "plain.gor"))).containsExactlyElementsOf(written);
        // the chunks' own upkeep may read it, never once per record
        assertThat(reads.get()).isLessThan(written.size() / 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"all.gor", "all.gor.gz"})
    void closeWritesEveryAcceptedRecord(String name) throws Exception {
        List<Message> written = messages(2000, 1, 2000, 20);
        StageStats stats = new StageStats("file");
        FileOutput out = new FileOutput(FileOutputConfig.defaults(dir.resolve(name).toString())
                .withFlushInterval(HOUR), stats, Log.SILENT);
        for (Message m : written) {
            out.write(m);
        }
        out.close();
        out.close();
        assertThat(FileOutputFixture.readAll(FileOutputFixture.chunks(dir, name))).containsExactlyElementsOf(written);
        assertThat(out.totalBytes()).isEqualTo(written.stream().mapToLong(m -> (long) SIZER.sizeOf(m)).sum());
        // 256 records a chunk by default.
        assertThat(out.files()).hasSize(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"big.gor", "big.gor.gz"})
    void recordsLargerThanTheBatchGoStraightThroughInOrder(String name) throws Exception {
        // Small and large (up to 300 KB, past the 64 KB batch) records mixed.
        List<Message> written = new ArrayList<>();
        List<Message> small = messages(30, 10, 500, 32);
        List<Message> large = messages(10, 70_000, 300_000, 33);
        for (int i = 0; i < small.size(); i++) {
            written.add(small.get(i));
            if (i % 3 == 0) {
                written.add(large.get(i / 3));
            }
        }
        try (FileOutput out = new FileOutput(config(name), new StageStats("file"), Log.SILENT)) {
            for (Message m : written) {
                out.write(m);
            }
        }
        assertThat(read(dir.resolve(name.replace("big", "big_0")))).containsExactlyElementsOf(written);
    }

    @Test
    void appendAddsToOneFileAndIgnoresChunkLimits() throws Exception {
        List<Message> first = messages(30, 10, 300, 21);
        List<Message> second = messages(30, 10, 300, 22);
        FileOutputConfig append = config("a.gor").withAppend(true).withLimits(100, 2, 0);
        Files.writeString(dir.resolve("a.gor"), "");
        for (List<Message> batch : List.of(first, second)) {
            try (FileOutput out = new FileOutput(append, new StageStats("file"), Log.SILENT)) {
                for (Message m : batch) {
                    out.write(m);
                }
                assertThat(out.files()).containsExactly(dir.resolve("a.gor"));
            }
        }
        List<Message> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(read(dir.resolve("a.gor"))).containsExactlyElementsOf(all);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("a.gor"));
        }
    }

    @Test
    void appendToGzipAddsAMemberThatReadersReadThrough() throws Exception {
        List<Message> first = messages(40, 10, 300, 23);
        List<Message> second = messages(40, 10, 300, 24);
        FileOutputConfig append = config("sub/dir/a.gor.gz").withAppend(true);
        try (FileOutput out = new FileOutput(append, new StageStats("file"), Log.SILENT)) {
            for (Message m : first) {
                out.write(m);
            }
        }
        Path file = dir.resolve("sub/dir/a.gor.gz");
        long firstMember = Files.size(file);
        try (FileOutput out = new FileOutput(append, new StageStats("file"), Log.SILENT)) {
            for (Message m : second) {
                out.write(m);
            }
        }
        assertThat(Files.size(file)).isGreaterThan(firstMember);
        // Two gzip members back to back: the plain JDK stream reads both, as gzip -d does.
        long expected = 0;
        for (Message m : first) {
            expected += SIZER.sizeOf(m);
        }
        for (Message m : second) {
            expected += SIZER.sizeOf(m);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(in.readAllBytes()).hasSize((int) expected);
        }
        List<Message> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(read(file)).containsExactlyElementsOf(all);
    }

    @Test
    void maxSizeLimitDropsAndCountsTheRestWithOneLogLine() throws Exception {
        List<Message> written = messages(100, 100, 100, 25);
        int size = SIZER.sizeOf(written.getFirst());
        long limit = 10L * size + size / 2;
        StageStats stats = new StageStats("file");
        FileOutputFixture.RecordingLog log = new FileOutputFixture.RecordingLog();
        try (FileOutput out = new FileOutput(config("m.gor").withLimits(3 * size, 0, limit), stats, log)) {
            for (Message m : written) {
                out.write(m);
            }
            assertThat(out.totalBytes()).isEqualTo(10L * size).isLessThanOrEqualTo(limit);
        }
        assertThat(FileOutputFixture.readAll(FileOutputFixture.chunks(dir, "m.gor")))
                .containsExactlyElementsOf(written.subList(0, 10));
        assertThat(stats.dropped(Reason.MAX_SIZE)).isEqualTo(90);
        assertThat(log.lines).hasSize(1);
        assertThat(log.lines.getFirst()).contains(dir.resolve("m.gor").toString())
                .contains("--output-file-max-size-limit").contains(Long.toString(limit)).doesNotContain("\n");
    }

    @Test
    void aRecordBecomesVisibleWithinTwoFlushIntervalsWithoutClose() throws Exception {
        Duration interval = Duration.ofMillis(300);
        Message one = messages(1, 200, 200, 26).getFirst();
        try (FileOutput out = new FileOutput(config("f.gor").withFlushInterval(interval), new StageStats("file"),
                Log.SILENT)) {
            long start = System.nanoTime();
            out.write(one);
            Path file = dir.resolve("f_0.gor");
            while (Files.size(file) == 0 && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
                Thread.sleep(10);
            }
            long elapsed = System.nanoTime() - start;
            assertThat(read(file)).containsExactly(one);
            // Two intervals, plus slack for a machine busy with other builds.
            assertThat(Duration.ofNanos(elapsed)).isLessThan(interval.multipliedBy(2).plusMillis(300));
        }
    }

    @Test
    void aFlushedGzipChunkIsReadableBeforeItsTrailerIsWritten() throws Exception {
        Duration interval = Duration.ofMillis(100);
        List<Message> written = messages(20, 50, 500, 27);
        try (FileOutput out = new FileOutput(config("f.gor.gz").withFlushInterval(interval), new StageStats("file"),
                Log.SILENT)) {
            for (Message m : written) {
                out.write(m);
            }
            Thread.sleep(interval.multipliedBy(4));
            StageStats readStats = new StageStats("read");
            List<Message> back = new ArrayList<>();
            try (GorReader reader = GorReader.open(dir.resolve("f_0.gor.gz"), readStats, Log.SILENT)) {
                for (Message m = reader.next(); m != null; m = reader.next()) {
                    back.add(m);
                }
            }
            assertThat(back).containsExactlyElementsOf(written);
            // No trailer yet: the reader sees the stream end early, after the last whole record.
            assertThat(readStats.dropped(Reason.TRUNCATED_GZIP)).isEqualTo(1);
            assertThat(readStats.dropped(Reason.TRUNCATED)).isZero();
        }
        assertThat(read(dir.resolve("f_0.gor.gz"))).containsExactlyElementsOf(written);
    }

    @Test
    void everyRecordWriteAcceptedBeforeACloseFromAnotherThreadIsKept() throws Exception {
        List<Message> pool = messages(64, 10, 400, 28);
        FileOutput out = new FileOutput(config("c.gor.gz").withLimits(4000, 0, 0).withFlushInterval(Duration.ofMillis(1)),
                new StageStats("file"), Log.SILENT);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        List<Message> sent = new ArrayList<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; ; i++) {
                    Message m = pool.get(i % pool.size());
                    out.write(m);
                    sent.add(m);
                    accepted.incrementAndGet();
                    if (i == 500) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                assertThat(e).hasMessageContaining("is closed");
            }
        });
        started.await();
        out.close();
        writer.join();
        List<Message> back = FileOutputFixture.readAll(FileOutputFixture.chunks(dir, "c.gor.gz"));
        assertThat(back).hasSize(accepted.get()).containsExactlyElementsOf(sent);
        assertThatThrownBy(() -> out.write(pool.getFirst())).isInstanceOf(IOException.class)
                .hasMessageContaining("c.gor.gz").hasMessageContaining("closed");
    }

    @Test
    void aPathThatCannotBeCreatedIsOneLineNamingItAndEveryRecordIsCounted() throws Exception {
        Files.writeString(dir.resolve("plainfile"), "x");
        List<Message> records = messages(5, 10, 10, 29);
        for (boolean append : new boolean[] {false, true}) {
            FileOutputConfig bad = config("plainfile/sub/out.gor").withAppend(append);
            StageStats stats = new StageStats("file");
            FileOutputFixture.RecordingLog log = new FileOutputFixture.RecordingLog();
            FileOutput out = new FileOutput(bad, stats, log);
            for (Message m : records) {
                out.write(m);
            }
            out.close();
            assertThat(log.lines).singleElement().asString()
                    .startsWith("warn: cannot create directory for output files " + dir.resolve("plainfile/sub") + ": ")
                    .doesNotContain("\n");
            assertThat(stats.dropped(Reason.WRITE_ERROR)).isEqualTo(5);
            assertThat(out.failureSummary()).get().asString().contains("5 of 5 records could not be written");
        }
    }

    @Test
    void aDirectoryInTheWayOfTheFileIsOneLineNamingIt() throws Exception {
        Files.createDirectories(dir.resolve("taken.gor"));
        Message m = messages(1, 10, 10, 30).getFirst();
        StageStats stats = new StageStats("file");
        FileOutputFixture.RecordingLog log = new FileOutputFixture.RecordingLog();
        try (FileOutput out = new FileOutput(config("taken.gor").withAppend(true), stats, log)) {
            out.write(m);
        }
        assertThat(log.lines).singleElement().asString()
                .startsWith("warn: cannot open output file " + dir.resolve("taken.gor")).doesNotContain("\n");
        assertThat(stats.dropped(Reason.WRITE_ERROR)).isEqualTo(1);
    }

    @Test
    void missingParentDirectoriesAreCreated() throws Exception {
        Message m = messages(1, 10, 10, 31).getFirst();
        try (FileOutput out = new FileOutput(config("a/b/c/%t.gor"), new StageStats("file"), Log.SILENT)) {
            out.write(m);
        }
        assertThat(read(dir.resolve("a/b/c/1_0.gor"))).containsExactly(m);
    }

    @Test
    void anOutputThatSawNoRecordLeavesNoFile() throws Exception {
        new FileOutput(config("none.gor"), new StageStats("file"), Log.SILENT).close();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
