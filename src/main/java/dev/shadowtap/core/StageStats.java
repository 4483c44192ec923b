package dev.shadowtap.core;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Counters of one stage (an input, an output, a limiter): messages and bytes that passed, and
 * messages dropped, mended and passed over, by {@link Reason}. Writers never wait; {@link #snapshot()}
 * reads a consistent-enough view for {@code --stats} and the exit summary. Nothing is ever dropped without a call to {@link #drop},
 * and nothing a stage was handed is passed over without a call to {@link #drop} or {@link #skipped}.
 */
public final class StageStats {
    private final String name;
    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final ReasonCounts drops = new ReasonCounts();
    private final ReasonCounts repairs = new ReasonCounts();
    private final ReasonCounts skips = new ReasonCounts();
    private volatile LongSupplier queueDepth = () -> 0;

    public StageStats(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** One message of {@code size} bytes went through this stage. */
    public void passed(int size) {
        messages.increment();
        bytes.add(size);
    }

    /** One message was dropped here, for {@code reason} ({@link Reason#RATE_LIMIT}). */
    public void drop(Reason reason) {
        drops(reason, 1);
    }

    /**
     * Damage that this stage mended without losing a message (a .gor record with a missing separator
     * split back into its two records): shown beside the drops, never counted as one.
     */
    public void repaired(Reason reason) {
        repairs.add(reason, 1);
    }

    /**
     * A message handed to this stage that it leaves alone by design, which is no loss (an HTTP replay
     * output given a recorded response: only requests are sent): shown beside the drops, never
     * counted as one, so that a stage's {@code msgs} do not pass for work it did.
     */
    public void skipped(Reason reason) {
        skips.add(reason, 1);
    }

    /** How many messages this stage skipped for {@code reason}. */
    public long skips(Reason reason) {
        return skips.get(reason);
    }

    /** How many times this stage mended {@code reason}. */
    public long repairs(Reason reason) {
        return repairs.get(reason);
    }

    public void drops(Reason reason, long count) {
        drops.add(reason, count);
    }

    /** Lets the stage report how many messages wait in its queue. */
    public void queueDepth(LongSupplier depth) {
        this.queueDepth = depth;
    }

    public long messages() {
        return messages.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    public long dropped(Reason reason) {
        return drops.get(reason);
    }

    /** Every repair of every reason. */
    public long repairedTotal() {
        return repairs.total();
    }

    public long droppedTotal() {
        return drops.total();
    }

    public Snapshot snapshot() {
        return new Snapshot(name, messages.sum(), bytes.sum(), queueDepth.getAsLong(), drops.snapshot(),
                repairs.snapshot(), skips.snapshot());
    }

    /** A point-in-time copy of the counters; each map lists the reasons ever counted in label order. */
    public record Snapshot(String name, long messages, long bytes, long queueDepth, Map<Reason, Long> drops,
                           Map<Reason, Long> repairs, Map<Reason, Long> skips) {
        public long droppedTotal() {
            return drops.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
