package dev.shadowtap.pipeline;

import java.io.IOException;

/**
 * A source of messages: a file, a capture engine, a TCP listener, a replay output's replies.
 * One method that blocks for the next message, plus {@link #close()}.
 */
public interface Input extends AutoCloseable {
    /**
     * The next message, blocking until there is one; null once this input has ended for good.
     * Inputs that never end by themselves (capture, dummy) return null only after {@link #close()}.
     */
    Message read() throws IOException, InterruptedException;

    /**
     * True for inputs that must never wait for the pipeline (live capture): when downstream is full
     * their messages are dropped and counted instead. A file input returns false and waits.
     */
    default boolean live() {
        return false;
    }

    /**
     * True when a message is at hand: the next {@link #read()} returns it without waiting. A hint that
     * lets the emitter hand a live input's messages on in batches; false when unsure (the default).
     */
    default boolean ready() {
        return false;
    }

    /** Stops the input: a blocked {@link #read()} returns null soon after. */
    @Override
    default void close() throws IOException {
    }
}
