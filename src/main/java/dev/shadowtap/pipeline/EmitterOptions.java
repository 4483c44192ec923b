package dev.shadowtap.pipeline;

/**
 * How the {@link Emitter} spreads messages.
 *
 * @param splitOutput      {@code --split-output}: each request goes to exactly one output, round robin,
 *                         and its responses with it; otherwise every output gets a copy
 * @param queueCapacity    messages each output's queue holds before a file-like input waits and a live
 *                         input drops ({@code queue-full})
 * @param maxLoggedErrors  write errors logged per output (one line each); later ones are only counted
 * @param queueBytes       payload bytes each output's queue holds at most, whatever the count (a message
 *                         larger than this still passes, alone)
 * @param bySession        with {@code splitOutput} ({@code --recognize-tcp-sessions}): requests are dealt
 *                         by their session (FNV-32a of {@link dev.shadowtap.core.SessionKey}), so each
 *                         output gets whole sessions
 */
public record EmitterOptions(boolean splitOutput, int queueCapacity, int maxLoggedErrors, int queueBytes,
                             boolean bySession) {
    /**
     * Deep enough that a live capture rides out its output's thread being off the CPU for a while
     * (on a loaded machine, tens of milliseconds at tens of thousands of messages a second: 1,024
     * overflowed in bench/capture), and bounded in bytes so that large bodies cannot make it huge.
     */
    public static final int DEFAULT_QUEUE_CAPACITY = 16384;
    /**
     * Enough for inputs that wait when an output's queue is full (files): ~17 ms of a replay at 60k
     * requests/s, which the output drains in batches of 64.
     */
    public static final int WAITING_INPUTS_QUEUE_CAPACITY = 1024;
    public static final int DEFAULT_QUEUE_BYTES = 64 << 20;
    public static final int DEFAULT_MAX_LOGGED_ERRORS = 10;
    public static final EmitterOptions DEFAULTS =
            new EmitterOptions(false, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_LOGGED_ERRORS);

    public EmitterOptions(boolean splitOutput, int queueCapacity, int maxLoggedErrors) {
        this(splitOutput, queueCapacity, maxLoggedErrors, DEFAULT_QUEUE_BYTES, false);
    }

    public EmitterOptions(boolean splitOutput, int queueCapacity, int maxLoggedErrors, int queueBytes) {
        this(splitOutput, queueCapacity, maxLoggedErrors, queueBytes, false);
    }

    public EmitterOptions {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + queueCapacity);
        }
        if (queueBytes < 1) {
            throw new IllegalArgumentException("queue bytes must be at least 1, got " + queueBytes);
        }
        if (maxLoggedErrors < 0) {
            throw new IllegalArgumentException("logged error count must be 0 or more, got " + maxLoggedErrors);
        }
    }

    public EmitterOptions withSplitOutput(boolean split) {
        return new EmitterOptions(split, queueCapacity, maxLoggedErrors, queueBytes, bySession);
    }

    public EmitterOptions withQueueCapacity(int capacity) {
        return new EmitterOptions(splitOutput, capacity, maxLoggedErrors, queueBytes, bySession);
    }

    public EmitterOptions withBySession(boolean sessions) {
        return new EmitterOptions(splitOutput, queueCapacity, maxLoggedErrors, queueBytes, sessions);
    }
}
