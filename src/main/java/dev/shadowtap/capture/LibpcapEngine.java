package dev.shadowtap.capture;

import dev.shadowtap.capture.ffi.CaptureCounters;
import dev.shadowtap.capture.ffi.Libpcap;
import dev.shadowtap.capture.ffi.LibpcapConfig;
import dev.shadowtap.capture.ffi.PcapHandle;
import dev.shadowtap.capture.ffi.RawFrameHandler;
import dev.shadowtap.pipeline.Log;

/**
 * {@code --input-raw-engine libpcap}: the system libpcap through FFM. The handle is activated in
 * the constructor (warnings go to the log, errors are one-line exceptions); {@link #run} drains it
 * on the calling thread until {@link #close}.
 */
public final class LibpcapEngine implements AutoCloseable {
    private final NativeCaptureLoop loop;

    /** @throws dev.shadowtap.capture.ffi.NativeCaptureException one line when the capture cannot start */
    public LibpcapEngine(Libpcap pcap, LibpcapConfig config, Log log) {
        PcapHandle handle = PcapHandle.open(pcap, config);
        handle.warnings().forEach(log::warn);
        this.loop = new NativeCaptureLoop(handle, config.pollMillis());
    }

    public void run(RawFrameHandler handler) {
        loop.run(handler);
    }

    /**
     * As {@link #run(RawFrameHandler)}, and calls {@code idle} on the capturing thread whenever a poll
     * period passed without frames (so a consumer can advance its clocks while the wire is quiet).
     */
    public void run(RawFrameHandler handler, Runnable idle) {
        loop.run(handler, idle);
    }

    @Override
    public void close() {
        loop.close();
    }

    public CaptureCounters stats() {
        return loop.counters();
    }

    /** The device's pcap LINKTYPE (pcap_datalink): Ethernet for "lo" and NICs, Linux cooked for "any". */
    public int linkType() {
        return loop.linkType();
    }
}
