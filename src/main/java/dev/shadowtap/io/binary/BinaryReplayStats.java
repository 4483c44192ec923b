package dev.shadowtap.io.binary;

import dev.shadowtap.core.StageDetail;
import dev.shadowtap.core.StageStats;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Counters of one {@code --output-binary}: requests and bytes sent, replies and their bytes, truncated
 * replies, late bytes (a reply that went on after the target had seemed quiet), connections made,
 * failures by reason (the stage's drops) and reply latency. Registered with the run's {@code Stats} as
 * its stage's {@link StageDetail}, for the exit summary.
 */
public final class BinaryReplayStats implements StageDetail {
    private final String address;
    private final StageStats stage;
    private final LongAdder sent = new LongAdder();
    private final LongAdder sentBytes = new LongAdder();
    private final LongAdder replies = new LongAdder();
    private final LongAdder replyBytes = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder lateReads = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final Recorder latency = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private volatile IntSupplier open = () -> 0;
    private Histogram interval;

    BinaryReplayStats(String address, StageStats stage) {
        this.address = address;
        this.stage = stage;
    }

    void gauges(IntSupplier queued, IntSupplier openConnections) {
        this.open = openConnections;
        stage.queueDepth(queued::getAsInt);
    }

    void sent(int bytes) {
        sent.increment();
        sentBytes.add(bytes);
    }

    void reply(BinaryReply reply) {
        replies.increment();
        replyBytes.add(reply.length());
        if (reply.truncated()) {
            truncated.increment();
        }
        latency.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(reply.latencyNs())));
    }

    void lateRead() {
        lateReads.increment();
    }

    void connected() {
        connections.increment();
    }

    /** A copy of the whole-run reply latency histogram (microseconds) as of now, for readers that chart it. */
    public synchronized Histogram latencyHistogram() {
        interval = latency.getIntervalHistogram(interval);
        total.add(interval);
        return total.copy();
    }

    @Override
    public StageStats stage() {
        return stage;
    }

    public long sentCount() {
        return sent.sum();
    }

    public long sentBytes() {
        return sentBytes.sum();
    }

    public long replyCount() {
        return replies.sum();
    }

    public long replyBytes() {
        return replyBytes.sum();
    }

    public long truncatedCount() {
        return truncated.sum();
    }

    public long lateReadCount() {
        return lateReads.sum();
    }

    public long connectionsMade() {
        return connections.sum();
    }

    public int openConnections() {
        return open.getAsInt();
    }

    /** The exit summary: totals, each failure reason, latency. */
    @Override
    public synchronized List<String> summaryLines() {
        interval = latency.getIntervalHistogram(interval);
        total.add(interval);
        String name = "output-binary " + address + ": ";
        List<String> lines = new ArrayList<>();
        lines.add(name + "sent " + sentCount() + " (" + sentBytes() + " bytes), replies " + replyCount() + " ("
                + replyBytes() + " bytes), truncated " + truncatedCount() + ", connections " + connectionsMade()
                + (lateReadCount() > 0 ? ", late reads " + lateReadCount() : ""));
        stage.snapshot().drops().forEach((reason, n) -> lines.add(name + reason.label() + " " + n));
        lines.add(name + "latency " + percentiles(total));
        return lines;
    }

    private static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "p50 - p99 - max -";
        }
        return "p50 " + ms(h.getValueAtPercentile(50)) + " p99 " + ms(h.getValueAtPercentile(99)) + " max "
                + ms(h.getMaxValue());
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2fms", micros / 1000.0);
    }
}
