package dev.shadowtap.app;

import dev.shadowtap.core.Stats;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A handle on one in-process run ({@code shadowtap demo} drives a live capture with it): tells when
 * every input is open, shows the run's counters, and stops the run the way {@code --exit-after} does
 * (inputs closed, queues drained, files flushed). A run made without one behaves exactly as before.
 * One per run; thread-safe.
 */
public final class RunControl {
    private final CountDownLatch started = new CountDownLatch(1);
    private Runnable stop; // guarded by this
    private boolean stopRequested; // guarded by this
    private volatile Stats stats;

    /** Called by the application once every input is open and the pipeline is about to run. */
    void started(Stats runStats, Runnable stopRun) {
        this.stats = runStats;
        boolean stopNow;
        synchronized (this) {
            this.stop = stopRun;
            stopNow = stopRequested;
        }
        started.countDown();
        if (stopNow) {
            stopRun.run();
        }
    }

    /** Waits until every input is open (a live capture is listening); false when the timeout passed first. */
    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether every input is open. */
    public boolean isStarted() {
        return started.getCount() == 0;
    }

    /** The run's counters, once started. */
    public Optional<Stats> stats() {
        return Optional.ofNullable(stats);
    }

    /** Stops the run as {@code --exit-after} would; before the start, the run stops as soon as it starts. */
    public void stop() {
        Runnable now;
        synchronized (this) {
            stopRequested = true;
            now = stop;
        }
        if (now != null) {
            now.run();
        }
    }
}
