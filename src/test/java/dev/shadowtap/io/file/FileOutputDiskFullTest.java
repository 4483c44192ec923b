package dev.shadowtap.io.file;

import dev.shadowtap.core.Reason;
import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static dev.shadowtap.io.file.FileOutputFixture.messages;
import static dev.shadowtap.io.file.FileOutputFixture.read;
import static dev.shadowtap.io.file.FileOutputFixture.readAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A disk that fills while records are written, on a real 64 KB tmpfs: what the output counts as
 * written is what a reader finds in the files, whole; every record that did not get there is counted
 * as write-error; one line is logged; no empty file is left, nor one per record.
 */
class FileOutputDiskFullTest {
    private static final GorWriter SIZER = GorWriter.file(OutputStream.nullOutputStream());
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path tmp;

    private final FileOutputFixture.SettableClock clock =
            new FileOutputFixture.SettableClock(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    /** The output's stage and log, one of each per test. */
    private final StageStats stats = new StageStats("file");
    private final FileOutputFixture.RecordingLog log = new FileOutputFixture.RecordingLog();

    private FileOutput output(Path file, boolean append, int queueLimit) {
        FileOutputConfig config = new FileOutputConfig(file.toString(), append, 0, queueLimit, 0, HOUR);
        return new FileOutput(config, stats, log, clock, "test");
    }

    @ParameterizedTest(name = "{0}, {1} records a chunk, append {2}")
    @CsvSource({
            "f.gor, 0, false",
            "f.gor.gz, 0, false",
            "f.gor, 40, false",
            "f.gor.gz, 40, false",
            "f.gor, 0, true",
            "f.gor.gz, 0, true"})
    void whatIsCountedAsWrittenIsOnDiskWholeAndEveryOtherRecordIsAWriteError(String name, int queueLimit,
                                                                            boolean append) throws Exception {
        try (TinyDisk disk = TinyDisk.mount(tmp.resolve("disk"), "256k")) {
            Path file = disk.dir().resolve(name);
            List<Message> before = messages(10, 100, 200, 40);
            if (append) {
                // What was in the appended file before the run is kept.
                try (FileOutput first = new FileOutput(new FileOutputConfig(file.toString(), true, 0, 0, 0, HOUR),
                        new StageStats("before"), new FileOutputFixture.RecordingLog(), clock, "test")) {
                    for (Message m : before) {
                        first.write(m);
                    }
                }
            }
            List<Message> written = messages(2000, 300, 600, 41);
            FileOutput out = output(file, append, queueLimit);
            for (Message m : written) {
                out.write(m);
            }
            out.close();

            List<Path> onDisk = append ? List.of(file) : FileOutputFixture.chunks(disk.dir(), name);
            assertThat(disk.files()).containsExactlyInAnyOrderElementsOf(onDisk);
            // Every file reads without a warning: no record cut short, every .gz ended properly.
            List<Message> back = readAll(onDisk);
            if (append) {
                assertThat(back.subList(0, before.size())).containsExactlyElementsOf(before);
                back = back.subList(before.size(), back.size());
            }
            assertThat(back).isNotEmpty().hasSizeLessThan(written.size())
                    .containsExactlyElementsOf(written.subList(0, back.size()));
            assertThat(stats.dropped(Reason.WRITE_ERROR)).isEqualTo(written.size() - back.size());
            assertThat(stats.droppedTotal()).isEqualTo(written.size() - back.size());
            assertThat(out.totalBytes()).isEqualTo(back.stream().mapToLong(SIZER::sizeOf).sum());
            // Files: those the output says it made, none empty; one, or the full chunks before it.
            assertThat(out.files()).containsExactlyInAnyOrderElementsOf(onDisk);
            for (Path f : onDisk) {
                assertThat(read(f)).as(f.toString()).isNotEmpty();
            }
            if (queueLimit == 0) {
                assertThat(onDisk).hasSize(1);
            } else {
                assertThat(onDisk).hasSize((back.size() + queueLimit - 1) / queueLimit);
            }
            assertThat(log.lines).singleElement().asString().startsWith("warn: cannot ")
                    .contains(disk.dir().toString()).contains("No space left on device").doesNotContain("\n");
            assertThat(out.failureSummary()).get().asString()
                    .contains((written.size() - back.size()) + " of " + written.size() + " records could not be written");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"f.gor", "f.gor.gz"})
    void recordsLargerThanTheBatchAreCountedExactlyToo(String name) throws Exception {
        try (TinyDisk disk = TinyDisk.mount(tmp.resolve("disk"), "256k")) {
            List<Message> written = messages(20, 30_000, 120_000, 45);
            FileOutput out = output(disk.dir().resolve(name), false, 0);
            for (Message m : written) {
                out.write(m);
            }
            out.close();

            List<Path> onDisk = disk.files();
            assertThat(onDisk).hasSize(1);
            List<Message> back = read(onDisk.getFirst());
            assertThat(back).isNotEmpty().containsExactlyElementsOf(written.subList(0, back.size()));
            assertThat(stats.dropped(Reason.WRITE_ERROR)).isEqualTo(written.size() - back.size()).isPositive();
            assertThat(log.lines).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"f.gor", "f.gor.gz"})
    void aDiskWithNoRoomAtAllGetsNoFileEvenWhenEveryRecordTriesAgain(String name) throws Exception {
        try (TinyDisk disk = TinyDisk.mount(tmp.resolve("disk"), "64k")) {
            disk.fill("filler");
            List<Message> written = messages(300, 300, 600, 42);
            FileOutput out = output(disk.dir().resolve(name), false, 0);
            for (Message m : written) {
                out.write(m);
                // Past the pause after each failure: every record tries the disk (and a new chunk) again.
                clock.set(clock.instant().plus(FileOutput.RETRY_AFTER));
            }
            out.close();

            assertThat(disk.files()).containsExactly(disk.dir().resolve("filler"));
            assertThat(out.files()).isEmpty();
            assertThat(stats.dropped(Reason.WRITE_ERROR)).isEqualTo(written.size());
            assertThat(out.totalBytes()).isZero();
            assertThat(log.lines).singleElement().asString().contains("No space left on device");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"f.gor", "f.gor.gz"})
    void writingGoesOnInANewChunkOnceTheDiskHasRoomAgain(String name) throws Exception {
        try (TinyDisk disk = TinyDisk.mount(tmp.resolve("disk"), "256k")) {
            List<Message> written = messages(600, 300, 600, 43);
            FileOutput out = output(disk.dir().resolve(name), false, 0);
            Files.write(disk.dir().resolve("filler"), new byte[128 << 10]);
            for (Message m : written.subList(0, 400)) {
                out.write(m);
            }
            long lostWhileFull = stats.dropped(Reason.WRITE_ERROR);
            assertThat(lostWhileFull).as("the disk filled").isPositive();
            Files.delete(disk.dir().resolve("filler"));
            // Within the pause the disk is not tried; after it, it is.
            out.write(written.get(400));
            assertThat(stats.dropped(Reason.WRITE_ERROR)).isEqualTo(lostWhileFull + 1);
            clock.set(clock.instant().plus(FileOutput.RETRY_AFTER));
            for (Message m : written.subList(401, 600)) {
                out.write(m);
            }
            out.close();

            List<Path> chunks = FileOutputFixture.chunks(disk.dir(), name);
            assertThat(chunks).hasSize(2).containsExactlyElementsOf(out.files());
            List<Message> first = read(chunks.get(0));
            assertThat(first).isNotEmpty().containsExactlyElementsOf(written.subList(0, first.size()));
            assertThat(read(chunks.get(1))).containsExactlyElementsOf(written.subList(401, 600));
            assertThat(stats.dropped(Reason.WRITE_ERROR)).isEqualTo(401 - first.size());
            assertThat(log.lines).hasSize(1);
        }
    }

    @Test
    void recordsTheFlusherCouldNotWriteAreCountedToo() throws Exception {
        try (TinyDisk disk = TinyDisk.mount(tmp.resolve("disk"), "64k")) {
            Files.write(disk.dir().resolve("filler"), new byte[60 << 10]);
            List<Message> written = messages(40, 300, 600, 44);
            FileOutputConfig config = new FileOutputConfig(disk.dir().resolve("f.gor").toString(), false, 0, 0, 0,
                    Duration.ofMillis(20));
            FileOutput out = new FileOutput(config, stats, log, clock, "test");
            for (Message m : written) {
                out.write(m); // ~18 KB: all of it in the batch, none written yet
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (log.lines.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(log.lines).as("the flusher met the full disk").hasSize(1);
            out.close();

            List<Message> back = new ArrayList<>();
            for (Path f : FileOutputFixture.chunks(disk.dir(), "f.gor")) {
                back.addAll(read(f));
            }
            assertThat(back).containsExactlyElementsOf(written.subList(0, back.size()));
            assertThat(stats.dropped(Reason.WRITE_ERROR)).isEqualTo(written.size() - back.size()).isPositive();
            assertThat(log.lines).hasSize(1);
        }
    }
}
