package dev.shadowtap.capture;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link FrameEngine#stats()}. Packets and bytes have a single writer, the
 * capture thread, which publishes them with release stores (no lock, no CAS per packet); any thread
 * may take a {@link #snapshot()}.
 */
public final class FrameCounters {
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong kernelDrops = new AtomicLong();
    private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();

    /** One frame of {@code length} captured bytes was delivered; only the capture thread calls this. */
    public void frame(int length) {
        packets.setRelease(packets.get() + 1);
        bytes.setRelease(bytes.get() + length);
    }

    public void drop(String reason) {
        drops(reason, 1);
    }

    public void drops(String reason, long count) {
        drops.computeIfAbsent(reason, r -> new LongAdder()).add(count);
    }

    public void kernelDrops(long total) {
        kernelDrops.set(total);
    }

    public FrameEngine.Stats snapshot() {
        Map<String, Long> byReason = new TreeMap<>();
        drops.forEach((reason, adder) -> byReason.put(reason, adder.sum()));
        return new FrameEngine.Stats(packets.get(), bytes.get(), kernelDrops.get(), byReason);
    }
}
