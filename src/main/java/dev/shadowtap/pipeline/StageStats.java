package dev.shadowtap.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Counters of one stage (an input, an output, a limiter): messages and bytes that passed, and
 * messages dropped by reason. Writers never wait; {@link #snapshot()} reads a consistent-enough view
 * for {@code --stats} and the exit summary. Nothing is ever dropped without a call to {@link #drop}.
 */
public final class StageStats {
    private final String name;
    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();
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

    public long droppedTotal() {
        return drops.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Snapshot snapshot() {
        Map<String, Long> byReason = new TreeMap<>();
        drops.forEach((reason, adder) -> byReason.put(reason, adder.sum()));
        return new Snapshot(name, messages.sum(), bytes.sum(), queueDepth.getAsLong(), Map.copyOf(byReason));
    }

    /** A point-in-time copy of the counters. */
    public record Snapshot(String name, long messages, long bytes, long queueDepth, Map<String, Long> drops) {
        public long droppedTotal() {
            return drops.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
