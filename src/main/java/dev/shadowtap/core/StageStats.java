package dev.shadowtap.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Counters of one stage (an input, an output, a limiter): messages and bytes that passed, and
 * messages dropped by reason. Writers never wait; {@link #snapshot()} reads a consistent-enough view
 * for {@code --stats} and the exit summary. Nothing is ever dropped without a call to {@link #drop},
 * and nothing a stage was handed is passed over without a call to {@link #drop} or {@link #skipped}.
 */
public final class StageStats {
    private final String name;
    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> repairs = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> skips = new ConcurrentHashMap<>();
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

    /** One message was dropped here, for {@code reason} (a short kebab-case word: "rate-limit"). */
    public void drop(String reason) {
        drops(reason, 1);
    }

    /**
     * Damage that this stage mended without losing a message (a .gor record with a missing separator
     * split back into its two records): shown beside the drops, never counted as one.
     */
    public void repaired(String reason) {
        repairs.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /**
     * A message handed to this stage that it leaves alone by design, which is no loss (an HTTP replay
     * output given a recorded response: only requests are sent): shown beside the drops, never
     * counted as one, so that a stage's {@code msgs} do not pass for work it did.
     */
    public void skipped(String reason) {
        skips.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** How many messages this stage skipped for {@code reason}. */
    public long skips(String reason) {
        LongAdder adder = skips.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    /** How many times this stage mended {@code reason}. */
    public long repairs(String reason) {
        LongAdder adder = repairs.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    public void drops(String reason, long count) {
        drops.computeIfAbsent(reason, r -> new LongAdder()).add(count);
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

    public long dropped(String reason) {
        LongAdder adder = drops.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    /** Every repair of every reason. */
    public long repairedTotal() {
        return repairs.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long droppedTotal() {
        return drops.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Snapshot snapshot() {
        Map<String, Long> byReason = new TreeMap<>();
        drops.forEach((reason, adder) -> byReason.put(reason, adder.sum()));
        Map<String, Long> mended = new TreeMap<>();
        repairs.forEach((reason, adder) -> mended.put(reason, adder.sum()));
        Map<String, Long> passedOver = new TreeMap<>();
        skips.forEach((reason, adder) -> passedOver.put(reason, adder.sum()));
        return new Snapshot(name, messages.sum(), bytes.sum(), queueDepth.getAsLong(), Map.copyOf(byReason),
                Map.copyOf(mended), Map.copyOf(passedOver));
    }

    /** A point-in-time copy of the counters. */
    public record Snapshot(String name, long messages, long bytes, long queueDepth, Map<String, Long> drops,
                           Map<String, Long> repairs, Map<String, Long> skips) {
        public long droppedTotal() {
            return drops.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
