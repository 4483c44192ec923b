package dev.shadowtap.capture;

import dev.shadowtap.capture.ffi.CaptureCounters;
import dev.shadowtap.capture.ffi.FrameSource;
import dev.shadowtap.capture.ffi.RawFrameHandler;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link FrameSource} on the calling thread until {@link #close()}: drain what is ready,
 * else wait one poll period. The source is released by the thread that drains it, never under its
 * feet; close() from another thread waits (briefly) for that.
 */
final class NativeCaptureLoop {
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    private static final int FINAL_WAIT_MILLIS = 50;

    private final FrameSource source;
    private final int pollMillis;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Thread runner;

    NativeCaptureLoop(FrameSource source, int pollMillis) {
        this.source = source;
        this.pollMillis = pollMillis;
    }

    void run(RawFrameHandler handler) {
        run(handler, () -> { });
    }

    /** As {@link #run(RawFrameHandler)}, calling {@code idle} on this thread after each poll period without frames. */
    void run(RawFrameHandler handler, Runnable idle) {
        if (!started.compareAndSet(false, true)) {
            if (stopping) {
                return;
            }
            throw new IllegalStateException(source + " is already running");
        }
        runner = Thread.currentThread();
        try {
            while (!stopping) {
                if (source.drain(handler) > 0) {
                    handler.drained();
                } else if (!stopping) {
                    source.await(pollMillis);
                    idle.run();
                }
            }
            // frames that arrived before close() may sit in a block the kernel retires only on its
            // timeout: give it that long, then take them
            source.await(FINAL_WAIT_MILLIS);
            source.drain(handler);
            handler.drained();
        } finally {
            release();
        }
    }

    void close() {
        stopping = true;
        if (started.compareAndSet(false, true)) {
            release();
            return;
        }
        if (Thread.currentThread() == runner) {
            return; // closed from inside the handler: the loop ends after this frame
        }
        try {
            released.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    CaptureCounters counters() {
        return source.counters();
    }

    int linkType() {
        return source.linkType();
    }

    private void release() {
        try {
            source.close();
        } finally {
            released.countDown();
        }
    }
}
