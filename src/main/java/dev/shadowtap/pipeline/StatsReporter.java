package dev.shadowtap.pipeline;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code --stats}: every interval one line per stage ({@code name: 12034 msgs 18.2 MB 2406/s queue 12
 * dropped 3 (rate-limit 3)}), and at exit a summary of totals and every drop by stage and reason.
 * {@link #logDrops()} prints the drops alone, for runs without {@code --stats}: loss is never silent.
 * Sizes are binary (1 MB = 1024 x 1024 bytes); the rate is messages over the last interval.
 */
public final class StatsReporter implements AutoCloseable {
    private final Stats stats;
    private final Log log;
    private final Duration interval;
    private final LongSupplier nanoTime;
    private final Map<StageStats, Long> lastMessages = new IdentityHashMap<>();
    private long lastReportNs;
    private Thread thread;

    public StatsReporter(Stats stats, Log log, Duration interval, LongSupplier nanoTime) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the stats interval must be above 0, got " + interval);
        }
        this.stats = stats;
        this.log = log;
        this.interval = interval;
        this.nanoTime = nanoTime;
        this.lastReportNs = nanoTime.getAsLong();
    }

    /** Every 5 s on the system clock. */
    public StatsReporter(Stats stats, Log log) {
        this(stats, log, Duration.ofSeconds(5), System::nanoTime);
    }

    /** Starts logging {@link #intervalLines()} every interval on a virtual thread, until {@link #close()}. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the stats reporter is already running");
        }
        thread = Thread.ofVirtual().name("stats").start(() -> {
            try {
                while (true) {
                    Thread.sleep(interval);
                    report();
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
    }

    /** Logs one line per stage, the rate measured since the previous report. */
    public void report() {
        intervalLines().forEach(log::info);
    }

    /** The lines {@link #report()} logs, one per stage; resets the interval. */
    public synchronized List<String> intervalLines() {
        long now = nanoTime.getAsLong();
        double seconds = Math.max(now - lastReportNs, 1) / 1e9;
        lastReportNs = now;
        List<String> lines = new ArrayList<>();
        for (StageStats stage : stats.stages()) {
            StageStats.Snapshot s = stage.snapshot();
            long before = lastMessages.getOrDefault(stage, 0L);
            lastMessages.put(stage, s.messages());
            long rate = Math.round((s.messages() - before) / seconds);
            lines.add(s.name() + ": " + s.messages() + " msgs " + size(s.bytes()) + " " + rate + "/s queue "
                    + s.queueDepth() + " " + drops(s) + repairs(s) + skips(s));
        }
        return lines;
    }

    /** The exit summary: one line per stage with totals and drops by reason, then the total dropped. */
    public List<String> summaryLines() {
        List<String> lines = new ArrayList<>();
        long total = 0;
        for (StageStats.Snapshot s : stats.snapshot()) {
            lines.add("summary " + s.name() + ": " + s.messages() + " msgs " + size(s.bytes()) + " " + drops(s) + repairs(s) + skips(s));
            total += s.droppedTotal();
        }
        lines.add("summary: " + total + " messages dropped in all");
        return lines;
    }

    /** The exit summary's lines of the stages that keep more than messages and reasons, stage by stage. */
    public List<String> detailLines() {
        return stats.details().stream().flatMap(detail -> detail.summaryLines().stream()).toList();
    }

    /** Logs {@link #summaryLines()} ({@code --stats} at exit). */
    public void logSummary() {
        summaryLines().forEach(log::info);
    }

    /** Lines naming every stage that dropped anything, with counts by reason; empty when nothing was dropped. */
    public List<String> dropLines() {
        List<String> lines = new ArrayList<>();
        for (StageStats.Snapshot s : stats.snapshot()) {
            if (s.droppedTotal() > 0) {
                lines.add(s.name() + ": " + drops(s));
            }
        }
        return lines;
    }

    /** Warns of every drop (the exit summary without {@code --stats}); logs nothing when nothing was dropped. */
    public void logDrops() {
        dropLines().forEach(log::warn);
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    static String drops(StageStats.Snapshot s) {
        if (s.droppedTotal() == 0) {
            return "dropped 0";
        }
        StringBuilder text = new StringBuilder("dropped " + s.droppedTotal() + " (");
        String comma = "";
        for (Map.Entry<Reason, Long> reason : s.drops().entrySet()) {
            if (reason.getValue() > 0) {
                text.append(comma).append(reason.getKey().label()).append(' ').append(reason.getValue());
                comma = ", ";
            }
        }
        return text.append(')').toString();
    }

    /** " repaired N (reason n, ...)" when the stage mended anything, else "". */
    static String repairs(StageStats.Snapshot s) {
        return byReason(" repaired ", s.repairs());
    }

    /** " skipped N (reason n, ...)" when the stage passed over anything by design, else "". */
    static String skips(StageStats.Snapshot s) {
        return byReason(" skipped ", s.skips());
    }

    /** The counts in the snapshot's order, which is the labels'. */
    private static String byReason(String what, Map<Reason, Long> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder(what + total + " (");
        String comma = "";
        for (Map.Entry<Reason, Long> reason : counts.entrySet()) {
            text.append(comma).append(reason.getKey().label()).append(' ').append(reason.getValue());
            comma = ", ";
        }
        return text.append(')').toString();
    }

    static String size(long bytes) {
        return ByteSize.human(bytes, "B");
    }
}
