package dev.shadowtap.capture;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.ReasonCounts;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters behind {@link FrameEngine#stats()}. Packets and bytes have a single writer, the
 * capture thread, which publishes them with release stores (no lock, no CAS per packet); any thread
 * may take a {@link #snapshot()}.
 */
public final class FrameCounters {
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong kernelDrops = new AtomicLong();
    private final ReasonCounts drops = new ReasonCounts();

    /** One frame of {@code length} captured bytes was delivered; only the capture thread calls this. */
    public void frame(int length) {
        packets.setRelease(packets.get() + 1);
        bytes.setRelease(bytes.get() + length);
    }

    public void drop(Reason reason) {
        drops(reason, 1);
    }

    public void drops(Reason reason, long count) {
        drops.add(reason, count);
    }

    public void kernelDrops(long total) {
        kernelDrops.set(total);
    }

    public FrameEngine.Stats snapshot() {
        return new FrameEngine.Stats(packets.get(), bytes.get(), kernelDrops.get(), drops.snapshot());
    }
}
