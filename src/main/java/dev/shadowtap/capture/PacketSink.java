package dev.shadowtap.capture;

import dev.shadowtap.packet.DecodedPacket;

/**
 * Receives the TCP packets a {@link Capture} selected, decoded in place, on the capture thread.
 * {@code buf} and {@code packet} are reused for the next frame: a sink copies whatever it keeps.
 */
@FunctionalInterface
public interface PacketSink {
    /**
     * @param buf         the frame; {@code packet}'s offsets point into it; valid only during this call
     * @param packet      the frame decoded through TCP, of a captured port, kept by the {@link FrameRules}
     * @param timestampNs capture time, nanoseconds since the Unix epoch
     */
    void packet(byte[] buf, DecodedPacket packet, long timestampNs);

    /** Every packet that was ready has been handed over ({@link FrameSink#flush}): pass on what was gathered. */
    default void flush() {
    }
}
