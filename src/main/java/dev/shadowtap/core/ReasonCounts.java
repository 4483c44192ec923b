package dev.shadowtap.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts by {@link Reason}: one adder per reason, indexed by its ordinal and made the first time the
 * reason is counted, so counting is an array read and an add, and a snapshot lists only the reasons
 * that were ever counted (a count of 0 included), as the stage's lines always did. Writers never wait.
 */
public final class ReasonCounts {
    private static final Reason[] BY_LABEL = Arrays.stream(Reason.values())
            .sorted(Comparator.comparing(Reason::label)).toArray(Reason[]::new);

    private final AtomicReferenceArray<LongAdder> counts = new AtomicReferenceArray<>(Reason.count());

    public void add(Reason reason, long n) {
        LongAdder adder = counts.get(reason.ordinal());
        if (adder == null) {
            LongAdder made = new LongAdder();
            LongAdder raced = counts.compareAndExchange(reason.ordinal(), null, made);
            adder = raced == null ? made : raced;
        }
        adder.add(n);
    }

    public long get(Reason reason) {
        LongAdder adder = counts.get(reason.ordinal());
        return adder == null ? 0 : adder.sum();
    }

    public long total() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            LongAdder adder = counts.get(i);
            n += adder == null ? 0 : adder.sum();
        }
        return n;
    }

    /** Every reason ever counted and its count, in the order of their labels. */
    public Map<Reason, Long> snapshot() {
        Map<Reason, Long> byReason = new LinkedHashMap<>();
        for (Reason reason : BY_LABEL) {
            LongAdder adder = counts.get(reason.ordinal());
            if (adder != null) {
                byReason.put(reason, adder.sum());
            }
        }
        return Collections.unmodifiableMap(byReason);
    }
}
