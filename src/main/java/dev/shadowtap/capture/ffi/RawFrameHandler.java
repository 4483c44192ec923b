package dev.shadowtap.capture.ffi;

/**
 * Receives each captured frame. Same shape as {@code capture.FrameSink#frame}, except that the link
 * type is the pcap LINKTYPE number (see {@link LinkTypes}) so this package needs nothing above it.
 * {@code buf} is the engine's and is rewritten with later frames: it is valid for the call only, and a
 * consumer copies whatever it keeps.
 */
@FunctionalInterface
public interface RawFrameHandler {
    /**
     * @param buf            bytes of the frame from its link-layer header on
     * @param off            where the frame starts in {@code buf}
     * @param len            captured length
     * @param originalLength length on the wire (more than {@code len} when the frame was cut)
     * @param timestampNs    nanoseconds since the epoch
     * @param linkType       pcap LINKTYPE of the frame ({@link LinkTypes#ETHERNET}, ...)
     */
    void frame(byte[] buf, int off, int len, int originalLength, long timestampNs, int linkType);

    /** The engine handed over every frame that was ready (a ring's ready blocks): a consumer may pass on what it gathered. */
    default void drained() {
    }
}
