package dev.shadowtap.capture;

import java.io.IOException;

/** A running engine as {@link Capture} drives it: frames to a sink, idle wake-ups, counters. */
interface FrameFeed extends AutoCloseable {
    /** Delivers frames on the calling thread until the end of a file or {@link #close}; {@code idle} runs when the wire is quiet. */
    void run(FrameSink sink, Runnable idle) throws IOException;

    /** Stops {@link #run}; idempotent, from any thread. */
    @Override
    void close();

    /** True when the frames end by themselves (a file): the input then ends too. */
    boolean finite();

    /** Engine counters for {@code --input-raw-stats}: packets, bytes, kernel and engine drops. */
    String counters();

    /** The same counters as numbers; any thread may read them. */
    CaptureTotals totals();
}
