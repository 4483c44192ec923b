package dev.shadowtap.capture.ffi;

/**
 * When a capture source should read the kernel's counters again: about twice a second, so that the
 * capture loop makes one system call for statistics per half second, not one per poll. One thread only.
 */
final class CounterRefresh {
    private static final long INTERVAL_NANOS = 500_000_000L;

    private long last = System.nanoTime();

    /** True (and restarts the interval) when the last refresh is at least half a second old. */
    boolean due() {
        long now = System.nanoTime();
        if (now - last < INTERVAL_NANOS) {
            return false;
        }
        last = now;
        return true;
    }
}
