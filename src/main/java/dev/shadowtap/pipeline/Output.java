package dev.shadowtap.pipeline;

import java.io.IOException;

/** A sink of messages: a file, stdout, an HTTP target. One method, plus {@link #close()} that flushes. */
public interface Output extends AutoCloseable {
    /** Takes one message; called from one thread at a time. */
    void write(Message message) throws IOException, InterruptedException;

    /** Flushes whatever is buffered and releases the output. */
    @Override
    default void close() throws IOException {
    }
}
