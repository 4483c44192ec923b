package dev.shadowtap.capture.ffi;

/**
 * Receives each captured frame. Same shape as {@code capture.FrameSink#frame}, except that the link
 * type is the pcap LINKTYPE number (see {@link LinkTypes}) so this package needs nothing above it.
 * {@code buf} is owned by the garbage collector and never rewritten by the engine: a consumer may
 * keep views of it.
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
}
