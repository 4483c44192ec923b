package dev.shadowtap.capture;

import dev.shadowtap.core.Reason;
import dev.shadowtap.packet.LinkType;

import java.io.IOException;
import java.util.Map;

/**
 * A pure-Java source of captured frames: a pcap file or VXLAN datagrams. One thread calls
 * {@link #run}, which blocks and hands every frame to the sink until the end of the file or until
 * another thread calls {@link #close}; {@link #stats} may be read from any thread at any time.
 *
 * <p>Problems in the data (a corrupt record, an unsupported link type) are logged in one line and
 * counted in {@link Stats#drops()}; {@code run} throws only for I/O failures of the source itself.
 */
public interface FrameEngine extends AutoCloseable {
    /**
     * The link layer frames start with; for a pcapng file the first interface's (each frame carries
     * its own to {@link FrameSink#frame}). {@code null} before any interface is known.
     */
    LinkType linkType();

    /** Delivers frames to {@code sink} on the calling thread until end of input or {@link #close}. */
    void run(FrameSink sink) throws IOException;

    /** Makes {@link #run} return soon and releases the source; idempotent, callable from any thread. */
    @Override
    void close();

    /** A snapshot of the counters so far. */
    Stats stats();

    /**
     * Counters of one engine.
     *
     * @param packets     frames delivered to the sink
     * @param bytes       captured bytes of those frames
     * @param kernelDrops packets the kernel (or, for a file, the capturing kernel as the file
     *                    records it) dropped; 0 when unknown
     * @param drops       frames or events the engine itself lost, by reason in label order
     *                    ({@code corrupt-record}, {@code truncated-file}, {@code unknown-link-type}...)
     */
    record Stats(long packets, long bytes, long kernelDrops, Map<Reason, Long> drops) {
        public Stats {
            drops = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(drops));
        }

        /** Everything the engine itself lost, all reasons together. */
        public long engineDrops() {
            return drops.values().stream().mapToLong(Long::longValue).sum();
        }

        public long dropped(Reason reason) {
            return drops.getOrDefault(reason, 0L);
        }
    }
}
