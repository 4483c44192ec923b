package dev.shadowtap.pipeline;

/**
 * How the {@link Emitter} spreads messages.
 *
 * @param splitOutput      {@code --split-output}: each message goes to exactly one output, round robin;
 *                         otherwise every output gets a copy
 * @param queueCapacity    messages each output's queue holds before a file-like input waits and a live
 *                         input drops ({@code queue-full})
 * @param maxLoggedErrors  write errors logged per output (one line each); later ones are only counted
 */
public record EmitterOptions(boolean splitOutput, int queueCapacity, int maxLoggedErrors) {
    public static final int DEFAULT_QUEUE_CAPACITY = 1024;
    public static final int DEFAULT_MAX_LOGGED_ERRORS = 10;
    public static final EmitterOptions DEFAULTS =
            new EmitterOptions(false, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_LOGGED_ERRORS);

    public EmitterOptions {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + queueCapacity);
        }
        if (maxLoggedErrors < 0) {
            throw new IllegalArgumentException("logged error count must be 0 or more, got " + maxLoggedErrors);
        }
    }

    public EmitterOptions withSplitOutput(boolean split) {
        return new EmitterOptions(split, queueCapacity, maxLoggedErrors);
    }

    public EmitterOptions withQueueCapacity(int capacity) {
        return new EmitterOptions(splitOutput, capacity, maxLoggedErrors);
    }
}
