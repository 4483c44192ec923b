package dev.shadowtap.capture.ffi;

/**
 * Drains a source on its own platform thread while the test makes traffic, as the engines do, so
 * the kernel ring never fills with the test's own packets. {@link #close()} stops the thread and
 * closes the source on it.
 */
public final class Drainer implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stop;
    private volatile Throwable failure;

    public Drainer(FrameSource source, RawFrameHandler handler) {
        thread = Thread.ofPlatform().name("test-drainer").start(() -> {
            try {
                while (!stop) {
                    if (source.drain(handler) == 0) {
                        source.await(20);
                    }
                }
                source.await(50);
                source.drain(handler);
            } catch (Throwable t) {
                failure = t;
            } finally {
                source.close();
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5_000);
        if (failure != null) {
            throw new AssertionError("drain failed", failure);
        }
    }
}
