package dev.shadowtap.io.file;

import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.shadowtap.io.file.GorFixtures.BASE_NS;
import static dev.shadowtap.io.file.GorFixtures.MS;
import static dev.shadowtap.io.file.GorFixtures.record;
import static dev.shadowtap.io.file.GorFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DryRunTest {
    @TempDir
    Path dir;

    @Test
    void countsTypesSpanAndReplayTimeOverSeveralFiles() throws Exception {
        // 3 files; 10 pairs each 100 ms apart in file 1, file 2 continues, file 3 holds one late response
        // and one replayed response stamped at replay time, years later, which must not stretch the span
        List<Message> first = new ArrayList<>();
        List<Message> second = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(record(MessageType.REQUEST, BASE_NS + i * 100 * MS, i));
            first.add(record(MessageType.RESPONSE, BASE_NS + i * 100 * MS + 2 * MS, i));
            second.add(record(MessageType.REQUEST, BASE_NS + (1000 + i * 100) * MS, 10 + i));
            second.add(record(MessageType.RESPONSE, BASE_NS + (1000 + i * 100) * MS + 2 * MS, 10 + i));
        }
        write(dir.resolve("requests_0.gor"), first);
        write(dir.resolve("requests_1.gor.gz"), second);
        Path third = dir.resolve("requests_2.gor");
        write(third, List.of(record(MessageType.RESPONSE, BASE_NS + 134_500 * MS, 99),
                record(MessageType.REPLAYED, BASE_NS + 3L * 365 * 24 * 3600 * 1000 * MS, 98)));
        Files.writeString(third, "garbage\n\uD83D\uDC35\uD83D\uDE48\uD83D\uDE49\n", java.nio.file.StandardOpenOption.APPEND);
        long bytes = 0;
        for (String name : List.of("requests_0.gor", "requests_1.gor.gz", "requests_2.gor")) {
            bytes += Files.size(dir.resolve(name));
        }

        String pattern = dir + "/requests_*";
        FileInputConfig config = new FileInputConfig(pattern, 2.0, false, 100, null, true);
        DryRun run = DryRun.scan(config, new StageStats("file"), Log.SILENT);

        assertThat(run.files()).isEqualTo(3);
        assertThat(run.bytes()).isEqualTo(bytes);
        assertThat(run.requests()).isEqualTo(20);
        assertThat(run.responses()).isEqualTo(21);
        assertThat(run.replayed()).isEqualTo(1);
        assertThat(run.records()).isEqualTo(42);
        assertThat(run.badRecords()).isEqualTo(1);
        assertThat(run.firstTimestampNs()).isEqualTo(BASE_NS);
        assertThat(run.lastTimestampNs()).isEqualTo(BASE_NS + 134_500 * MS);
        assertThat(run.timeSpan()).isEqualTo(Duration.ofMillis(134_500));
        assertThat(run.replayTime()).isEqualTo(Duration.ofMillis(67_250));
        assertThat(run.filesWithoutRecords()).isEmpty();
        assertThat(run.lines()).containsExactly(
                pattern + ": 3 files, 42 records (20 requests, 21 responses, 1 replayed), "
                        + DryRun.size(bytes) + ", 1 bad record skipped",
                "time span 2m14.5s (2026-11-20T10:00:00Z .. 2026-11-20T10:02:14.5Z); replay at 200% takes 1m7.25s");

        FileInputConfig capped = new FileInputConfig(pattern, 1.0, false, 100, Duration.ofSeconds(1), true);
        // the 132.6 s gap before the last record is cut to 1 s
        assertThat(DryRun.scan(capped, new StageStats("file"), Log.SILENT).replayTime())
                .isEqualTo(Duration.ofMillis(1902 + 1000));
    }

    @Test
    void reportsFilesWithoutRecordsAndEmptyRuns() throws Exception {
        Files.writeString(dir.resolve("junk.gor"), "nothing here");
        DryRun run = DryRun.scan(FileInputConfig.of(dir + "/junk.gor"), new StageStats("file"), Log.SILENT);
        assertThat(run.records()).isZero();
        assertThat(run.filesWithoutRecords()).containsExactly(dir.resolve("junk.gor").toString());
        assertThat(run.render()).isEqualTo(dir + "/junk.gor: 1 file, 0 records (0 requests, 0 responses, 0 replayed), "
                + "12 bytes, 1 bad record skipped\nno readable record\nno readable record in 1 file: " + dir + "/junk.gor");
        assertThatThrownBy(() -> DryRun.scan(FileInputConfig.of(dir + "/none*.gor"), new StageStats("f"), Log.SILENT))
                .isInstanceOf(FileInputException.class).hasMessageContaining("none*.gor");
    }

    @Test
    void aFileThatCannotBeReadIsSaidSoNotCountedAsABadRecord() {
        // (the scan's part is in UnreadableInputFileEndToEndTest: a file only a real permission keeps closed)
        DryRun run = new DryRun(dir + "/*.gor", 3, 2048, 1, 0, 0, BASE_NS, BASE_NS, 1, 1.0, Duration.ZERO,
                List.of(dir.resolve("junk.gor").toString()), List.of(dir.resolve("old.gor") + " (permission denied)"));

        assertThat(run.incomplete()).isTrue();
        assertThat(run.lines()).containsExactly(
                dir + "/*.gor: 3 files, 1 records (1 requests, 0 responses, 0 replayed), 2.0 KB, 1 bad record skipped,"
                        + " 1 file could not be read",
                "time span 0s (2026-11-20T10:00:00Z .. 2026-11-20T10:00:00Z); replay at 100% takes 0s",
                "could not read 1 file: " + dir.resolve("old.gor") + " (permission denied)",
                "no readable record in 1 file: " + dir.resolve("junk.gor"));
        assertThat(new DryRun("x", 1, 1, 1, 0, 0, BASE_NS, BASE_NS, 0, 1.0, Duration.ZERO, List.of(), List.of())
                .incomplete()).isFalse();
    }

    @Test
    void formatsDurationsInstantsAndSizesLikeGoReplay() {
        assertThat(DryRun.duration(0)).isEqualTo("0s");
        assertThat(DryRun.duration(750)).isEqualTo("750ns");
        assertThat(DryRun.duration(1_500)).isEqualTo("1.5µs");
        assertThat(DryRun.duration(250 * MS)).isEqualTo("250ms");
        assertThat(DryRun.duration(1_000 * MS)).isEqualTo("1s");
        assertThat(DryRun.duration(134_500 * MS)).isEqualTo("2m14.5s");
        assertThat(DryRun.duration(3_603_000 * MS)).isEqualTo("1h0m3s");
        assertThat(DryRun.instant(BASE_NS)).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(DryRun.instant(BASE_NS + 1)).isEqualTo("2026-11-20T10:00:00.000000001Z");
        assertThat(DryRun.size(999)).isEqualTo("999 bytes");
        assertThat(DryRun.size(19_084_000)).isEqualTo("18.2 MB");
        assertThat(DryRun.size(1536)).isEqualTo("1.5 KB");
    }
}
