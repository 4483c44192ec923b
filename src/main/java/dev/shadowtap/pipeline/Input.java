package dev.shadowtap.pipeline;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

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

    /**
     * Asks a live input to hand its messages to {@code downstream} itself, in batches (in order, on its
     * own thread, never waiting; {@code downstream} empties each list it is given) instead of through
     * {@link #read()}: the emitter's reader thread and a queue fewer per message. True when it will;
     * {@link #read()} then returns null once the input has ended. False (the default): read as usual.
     * Called at most once, before the first {@link #read()}.
     */
    default boolean handTo(Consumer<List<Message>> downstream) {
        return false;
    }

    /** Stops the input: a blocked {@link #read()} returns null soon after. */
    @Override
    default void close() throws IOException {
    }
}
