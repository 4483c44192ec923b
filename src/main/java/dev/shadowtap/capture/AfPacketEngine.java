package dev.shadowtap.capture;

import dev.shadowtap.capture.ffi.AfPacketConfig;
import dev.shadowtap.capture.ffi.AfPacketSocket;
import dev.shadowtap.capture.ffi.CaptureCounters;
import dev.shadowtap.capture.ffi.RawFrameHandler;

/**
 * {@code --input-raw-engine af_packet}: an AF_PACKET socket with a TPACKET_V3 ring. The socket is
 * opened in the constructor, so a missing right to capture or a bad interface fails before any
 * thread starts; {@link #run} drains it on the calling (platform) thread until {@link #close}.
 */
public final class AfPacketEngine implements AutoCloseable {
    private final NativeCaptureLoop loop;

    /** @throws dev.shadowtap.capture.ffi.NativeCaptureException one line when the capture cannot start */
    public AfPacketEngine(AfPacketConfig config) {
        this.loop = new NativeCaptureLoop(AfPacketSocket.open(config), config.pollMillis());
    }

    /** Hands every frame to {@code handler} until {@link #close()}; returns once the socket is released. */
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

    /** Stops {@link #run} within one poll period and releases the ring; safe from any thread, idempotent. */
    @Override
    public void close() {
        loop.close();
    }

    /** Kernel and engine counters, refreshed about twice a second while running and once at close. */
    public CaptureCounters stats() {
        return loop.counters();
    }

    /** Ethernet; with the "any" interface each frame carries the link type of its own device. */
    public int linkType() {
        return loop.linkType();
    }
}
