package dev.shadowtap.capture;

import dev.shadowtap.capture.ffi.CaptureCounters;
import dev.shadowtap.capture.ffi.FrameSource;
import dev.shadowtap.capture.ffi.RawFrameHandler;

/**
 * What the native engines share: a {@link FrameSource} opened by the subclass's constructor (so a
 * missing right to capture or a bad interface fails before any thread starts), drained by
 * {@link #run} on the calling platform thread until {@link #close}.
 */
public abstract sealed class NativeEngine implements AutoCloseable permits AfPacketEngine, LibpcapEngine {
    private final NativeCaptureLoop loop;

    NativeEngine(FrameSource source, int pollMillis) {
        this.loop = new NativeCaptureLoop(source, pollMillis);
    }

    /** Hands every frame to {@code handler} until {@link #close()}; returns once the source is released. */
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

    /** Stops {@link #run} within one poll period and releases the source; safe from any thread, idempotent. */
    @Override
    public void close() {
        loop.close();
    }

    /** Kernel and engine counters, refreshed about twice a second while running and once at close. */
    public CaptureCounters stats() {
        return loop.counters();
    }

    /** The pcap LINKTYPE of the frames (with the "any" interface each frame carries its own). */
    public int linkType() {
        return loop.linkType();
    }
}
