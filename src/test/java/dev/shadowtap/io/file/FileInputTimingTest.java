package dev.shadowtap.io.file;

import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.shadowtap.io.file.GorFixtures.MS;
import static dev.shadowtap.io.file.GorFixtures.requestsAtMs;
import static dev.shadowtap.io.file.GorFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measured pacing of {@link FileInput} on the real clock. Release times are taken relative to the
 * input's own first release. A record can never come early; lateness is allowed a margin for a loaded
 * 2-core machine.
 */
class FileInputTimingTest {
    /**
     * How late one release may be: a runnable thread can wait tens of ms for a core when six builds
     * share two (38 ms seen). Gaps of 100 ms and more keep this meaningful: the wrong speed is off by
     * 100 ms or more, and the records after a late one must be back on schedule (no drift).
     */
    private static final long LATE_MS = 60;
    /** The measured first release can lag the input's own start on a busy machine, making later ones look early. */
    private static final double EARLY_MS = 3;

    @TempDir
    Path dir;

    /** Reads everything and returns each release time in ms after the first. */
    private static List<Double> releaseTimesMs(FileInput input) throws Exception {
        List<Double> times = new ArrayList<>();
        long first = 0;
        Message message;
        while ((message = input.read()) != null) {
            long now = System.nanoTime();
            if (times.isEmpty()) {
                first = now;
            }
            times.add((now - first) / 1e6);
        }
        return times;
    }

    private static void assertReleasedAt(List<Double> actualMs, long... expectedMs) {
        assertThat(actualMs).hasSize(expectedMs.length);
        for (int i = 0; i < expectedMs.length; i++) {
            assertThat(actualMs.get(i)).as("release of record %d (all: %s)", i, actualMs)
                    .isBetween(expectedMs[i] - EARLY_MS, (double) expectedMs[i] + LATE_MS);
        }
    }

    private FileInput input(Path file, double speed, Duration maxWait) throws Exception {
        return new FileInput(new FileInputConfig(file.toString(), speed, false, 100, maxWait, false),
                new StageStats("file"), Log.SILENT);
    }

    @Test
    void recordedPaceIsKeptAt100Percent() throws Exception {
        Path file = write(dir.resolve("a.gor"), requestsAtMs(0, 100, 300, 600));
        try (FileInput input = input(file, 1.0, null)) {
            assertReleasedAt(releaseTimesMs(input), 0, 100, 300, 600);
        }
    }

    @Test
    void thousandPercentTakesATenthOfTheGaps() throws Exception {
        Path file = write(dir.resolve("a.gor"), requestsAtMs(0, 1000, 3000, 6000));
        try (FileInput input = input(file, 10.0, null)) {
            assertReleasedAt(releaseTimesMs(input), 0, 100, 300, 600);
        }
    }

    @Test
    void fiftyPercentDoublesTheGaps() throws Exception {
        Path file = write(dir.resolve("a.gor"), requestsAtMs(0, 50, 150, 300));
        try (FileInput input = input(file, 0.5, null)) {
            assertReleasedAt(releaseTimesMs(input), 0, 100, 300, 600);
        }
    }

    @Test
    void manyRecordsOverOneSecondTakeOneSecondWithoutDrift() throws Exception {
        int count = 2000;
        List<Message> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // 0.5 ms apart: 2,000 records over 999.5 ms. The measured first release is a few µs after
            // the input's own start (more on a loaded machine), so "never early" allows 3 ms.
            records.add(GorFixtures.record(dev.shadowtap.pipeline.MessageType.REQUEST,
                    GorFixtures.BASE_NS + i * 500_000L, i));
        }
        Path file = write(dir.resolve("dense.gor"), records);
        try (FileInput input = input(file, 1.0, null)) {
            List<Double> times = releaseTimesMs(input);
            assertThat(times).hasSize(count);
            double total = times.getLast();
            assertThat(total).as("1 s of records replayed in").isBetween(999.5 * 0.95, 999.5 * 1.05);
            for (int i = 0; i < count; i++) {
                assertThat(times.get(i)).as("record %d never early", i).isGreaterThanOrEqualTo(i * 0.5 - 3.0);
            }
        }
    }

    @Test
    void maxWaitCapsALongGap() throws Exception {
        Path file = write(dir.resolve("a.gor"), requestsAtMs(0, 5000, 5100));
        try (FileInput input = input(file, 1.0, Duration.ofMillis(200))) {
            assertReleasedAt(releaseTimesMs(input), 0, 200, 300);
        }
    }

    @Test
    void olderRecordBeyondTheWindowGoesOutAtOnceAndDoesNotStall() throws Exception {
        Path file = write(dir.resolve("a.gor"), requestsAtMs(0, 100, -5000, 200));
        try (FileInput input = new FileInput(new FileInputConfig(file.toString(), 1.0, false, 1, null, false),
                new StageStats("file"), Log.SILENT)) {
            assertReleasedAt(releaseTimesMs(input), 0, 100, 100, 200);
        }
    }

    @Test
    void loopContinuesTheScheduleByOneTypicalGap() throws Exception {
        Path file = write(dir.resolve("a.gor"), requestsAtMs(0, 100, 200));
        try (FileInput input = new FileInput(new FileInputConfig(file.toString(), 1.0, true, 100, null, false),
                new StageStats("file"), Log.SILENT)) {
            List<Double> times = new ArrayList<>();
            long first = 0;
            for (int i = 0; i < 6; i++) {
                assertThat(input.read()).isNotNull();
                long now = System.nanoTime();
                if (i == 0) {
                    first = now;
                }
                times.add((now - first) / 1e6);
            }
            assertReleasedAt(times, 0, 100, 200, 300, 400, 500);
        }
    }

    @Test
    void closeFromAnotherThreadEndsALongWaitPromptly() throws Exception {
        Path file = write(dir.resolve("a.gor"), requestsAtMs(0, 60_000));
        FileInput input = input(file, 1.0, null);
        assertThat(input.read()).isNotNull();
        CompletableFuture<Message> second = CompletableFuture.supplyAsync(() -> {
            try {
                return input.read();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(100);
        assertThat(second).isNotDone();
        long closedAt = System.nanoTime();
        input.close();
        Message result = second.get(2, TimeUnit.SECONDS);
        double tookMs = (System.nanoTime() - closedAt) / 1e6;
        assertThat(result).isNull();
        assertThat(tookMs).as("read() returned after close() in").isLessThan(200);
        assertThat(input.read()).isNull();
    }

    @Test
    void hugeSpeedDoesNotPace() throws Exception {
        Path file = write(dir.resolve("a.gor"), requestsAtMs(0, 10_000, 20_000));
        try (FileInput input = input(file, FileInputConfig.AS_FAST_AS_POSSIBLE, null)) {
            List<Double> times = releaseTimesMs(input);
            assertThat(times).hasSize(3);
            assertThat(times.getLast()).isLessThan(50);
        }
    }
}
