package dev.shadowtap.pipeline;

import java.io.IOException;

/**
 * Thrown by an output that can take no more messages for good, and has said so once itself (stdout
 * whose reader closed the pipe, as {@code | head} does): the worker counts each message it is still
 * given as {@code output-gone}, without a log line per message.
 */
public final class OutputGoneException extends IOException {
    public OutputGoneException(String message) {
        super(message);
    }
}
