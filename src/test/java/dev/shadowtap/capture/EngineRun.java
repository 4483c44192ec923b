package dev.shadowtap.capture;

import dev.shadowtap.capture.ffi.RawFrameHandler;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Runs an engine's {@code run(handler)} on a platform thread, as the application will. */
final class EngineRun {
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    EngineRun(Consumer<RawFrameHandler> run, RawFrameHandler handler) {
        thread = Thread.ofPlatform().name("capture").start(() -> {
            try {
                run.accept(handler);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
    }

    /** Waits for run() to return; true when it did within {@code millis}. */
    boolean ended(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    Throwable failure() {
        return failure.get();
    }
}
