package dev.shadowtap.capture.ffi;

/**
 * A native capture that one thread drains: {@link #drain} hands ready frames to a handler without
 * waiting, {@link #await} waits a bounded time for more. Only the draining thread may call
 * {@link #drain}, {@link #await} and {@link #close}; {@link #counters()} may be read from any thread.
 */
public interface FrameSource extends AutoCloseable {
    /** Delivers the frames ready now; returns how many (0 when nothing was ready). */
    int drain(RawFrameHandler handler);

    /** Waits at most {@code millis} for frames to become ready. */
    void await(int millis);

    /** pcap LINKTYPE of the device ({@link LinkTypes}); frames may still carry their own (any interface). */
    int linkType();

    /** Counters as of the last refresh (the draining thread refreshes them about twice a second and at close). */
    CaptureCounters counters();

    /** Releases the socket or handle; counters keep their last values. Idempotent. */
    @Override
    void close();
}
