package dev.shadowtap.io.file;

import java.io.IOException;

/**
 * A problem with {@code --input-file} that the user made or can fix (no file matches, a file cannot be
 * read). Its message is the one line to show; the application prints it without a stack trace.
 */
public final class FileInputException extends IOException {
    public FileInputException(String message) {
        super(message);
    }

    public FileInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
