package dev.shadowtap.capture;

import dev.shadowtap.packet.LinkType;

/**
 * Receives captured frames from a {@link FrameEngine}, on the engine's thread.
 *
 * <p>The engine owns {@code buf} only for the duration of the call and reuses it for the next
 * frame, so the hot path allocates nothing per packet: a sink decodes in place and copies whatever
 * it keeps. A sink must not block for long (a live engine drops in the kernel meanwhile).
 */
@FunctionalInterface
public interface FrameSink {
    /**
     * One frame.
     *
     * @param buf            holds the frame; valid only during this call
     * @param off            where the frame starts in {@code buf}
     * @param len            captured bytes (may be fewer than {@code originalLength} with a snaplen)
     * @param originalLength the frame's length on the wire
     * @param timestampNs    capture time, nanoseconds since the Unix epoch
     * @param link           the link layer the frame starts with
     */
    void frame(byte[] buf, int off, int len, int originalLength, long timestampNs, LinkType link);

    /**
     * The engine handed over every frame that was ready (a ring's ready blocks, a socket's queued
     * datagrams): a sink that gathers its results may pass them on now. Live engines call it.
     */
    default void flush() {
    }
}
