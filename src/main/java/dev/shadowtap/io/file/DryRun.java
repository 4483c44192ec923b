package dev.shadowtap.io.file;

import dev.shadowtap.pipeline.ByteSize;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.StageStats;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --input-file-dry-run}: what a replay of the files would do, found by reading them all once
 * without pacing.
 *
 * @param pattern             the {@code --input-file} pattern
 * @param files               number of files matched
 * @param bytes               their size on disk
 * @param requests            records of type 1
 * @param responses           records of type 2
 * @param replayed            records of type 3
 * @param firstTimestampNs    earliest record timestamp (0 when there is no record)
 * @param lastTimestampNs     latest record timestamp (0 when there is no record)
 * @param badRecords          damaged records skipped, as counted on the stage stats (unreadable files are not records)
 * @param speed               the configured speed factor
 * @param replayTime          how long one pass takes at that speed and max wait (zero when unpaced)
 * @param filesWithoutRecords files read that had no readable record at all
 * @param unreadableFiles     files that could not be read, each as {@code path (reason)}
 */
public record DryRun(String pattern, int files, long bytes, long requests, long responses, long replayed,
                     long firstTimestampNs, long lastTimestampNs, long badRecords, double speed,
                     Duration replayTime, List<String> filesWithoutRecords, List<String> unreadableFiles) {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    public DryRun {
        filesWithoutRecords = List.copyOf(filesWithoutRecords);
        unreadableFiles = List.copyOf(unreadableFiles);
    }

    /**
     * Reads every matched file once. The replay time is what {@link FileInput} would take for one pass:
     * the same read-depth reordering and schedule, without the waiting.
     *
     * @throws FileInputException when the pattern matches no file
     */
    public static DryRun scan(FileInputConfig config, StageStats stats, Log log) throws IOException {
        return scan(config, FileGlob.expandLocal(config.pattern()), stats, log);
    }

    /** {@link #scan(FileInputConfig, StageStats, Log)} of the files given (the objects of an S3 prefix). */
    public static DryRun scan(FileInputConfig config, List<? extends RecordFile> paths, StageStats stats, Log log)
            throws IOException {
        long bytes = 0;
        for (RecordFile path : paths) {
            bytes += Math.max(0, path.size()); // an unreadable one is reported by FileSequence below
        }
        long droppedBefore = stats.droppedTotal();
        long[] byType = new long[3];
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long lastOffset = 0;
        ReorderWindow window = new ReorderWindow(config.readDepth());
        ReplaySchedule schedule = new ReplaySchedule(config.speed(), config.maxWaitNanos());
        List<String> without;
        List<String> unreadable;
        try (FileSequence sequence = new FileSequence(paths, stats, log)) {
            boolean more = true;
            while (more || !window.isEmpty()) {
                while (more && !window.full()) {
                    Message message = sequence.next();
                    if (message == null) {
                        more = false;
                    } else {
                        window.add(message);
                    }
                }
                Message message = window.poll();
                if (message == null) {
                    continue;
                }
                byType[message.type().ordinal()]++;
                if (!FileInput.paces(message)) {
                    continue;
                }
                first = Math.min(first, message.timestampNs());
                last = Math.max(last, message.timestampNs());
                lastOffset = schedule.offsetOf(message.timestampNs());
            }
            without = sequence.filesWithoutRecords();
            unreadable = sequence.unreadableFiles().entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        }
        boolean any = first != Long.MAX_VALUE;
        Duration replayTime = config.paced() ? Duration.ofNanos(lastOffset) : Duration.ZERO;
        return new DryRun(config.pattern(), paths.size(), bytes, byType[0], byType[1], byType[2],
                any ? first : 0, any ? last : 0, stats.droppedTotal() - droppedBefore - unreadable.size(),
                config.speed(), replayTime, without, unreadable);
    }

    public long records() {
        return requests + responses + replayed;
    }

    /** From the earliest to the latest record. */
    public Duration timeSpan() {
        return Duration.ofNanos(lastTimestampNs - firstTimestampNs);
    }

    /** The summary as a few lines for a person. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(pattern + ": " + files + (files == 1 ? " file, " : " files, ") + records() + " records ("
                + requests + " requests, " + responses + " responses, " + replayed + " replayed), "
                + size(bytes) + (badRecords > 0 ? ", " + badRecords + (badRecords == 1 ? " bad record" : " bad records") + " skipped" : "")
                + (unreadableFiles.isEmpty() ? "" : ", " + count(unreadableFiles.size(), "file") + " could not be read"));
        if (records() == 0) {
            lines.add("no readable record");
        } else {
            String replay = speed >= FileInputConfig.AS_FAST_AS_POSSIBLE
                    ? "replay as fast as possible"
                    : "replay at " + percent(speed) + " takes " + duration(replayTime.toNanos());
            lines.add("time span " + duration(timeSpan().toNanos()) + " (" + instant(firstTimestampNs) + " .. "
                    + instant(lastTimestampNs) + "); " + replay);
        }
        if (!unreadableFiles.isEmpty()) {
            lines.add("could not read " + count(unreadableFiles.size(), "file") + ": " + String.join(", ", unreadableFiles));
        }
        if (!filesWithoutRecords.isEmpty()) {
            lines.add("no readable record in " + filesWithoutRecords.size() + (filesWithoutRecords.size() == 1
                    ? " file: " : " files: ") + String.join(", ", filesWithoutRecords));
        }
        return lines;
    }

    /** Whether some file could not be read or had no readable record: the run's status is then 1. */
    public boolean incomplete() {
        return !filesWithoutRecords.isEmpty() || !unreadableFiles.isEmpty();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@link #lines()} joined by newlines. */
    public String render() {
        return String.join("\n", lines());
    }

    /** GoReplay-style duration: {@code 2m14.5s}, {@code 1h0m3s}, {@code 250ms}, {@code 0s}. */
    static String duration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return decimal(nanos, 3) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return decimal(nanos, 6) + "ms";
        }
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        String seconds = decimal(nanos % 60_000_000_000L, 9) + "s";
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds;
        }
        return minutes > 0 ? minutes + "m" + seconds : seconds;
    }

    /** ISO-8601 UTC with the fraction of a second trimmed: {@code 2026-11-20T10:02:14.5Z}. */
    static String instant(long epochNanos) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
        String fraction = instant.getNano() == 0 ? "" : "." + String.format(Locale.ROOT, "%09d", instant.getNano())
                .replaceAll("0+$", "");
        return SECONDS.format(instant) + fraction + "Z";
    }

    /** Sizes in GoReplay's units (1 MB = 1024 KB): {@code 18.2 MB}. */
    static String size(long bytes) {
        return ByteSize.human(bytes, "bytes");
    }

    private static String percent(double speed) {
        return BigDecimal.valueOf(speed * 100).stripTrailingZeros().toPlainString() + "%";
    }

    private static String decimal(long value, int scale) {
        return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
    }
}
