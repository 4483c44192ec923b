package dev.shadowtap.middleware;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How to run {@code --middleware}.
 *
 * @param commandLine     the command as the user wrote it, for messages
 * @param command         the program and its arguments: the command line split on whitespace, no shell
 *                        (as GoReplay starts it)
 * @param maxPayloadBytes the largest payload taken back from the middleware ({@code --copy-buffer-size});
 *                        a longer line is skipped and counted as {@code too-large}
 * @param timeout         how long the middleware may leave its input unread (while it writes nothing)
 *                        before the run is stopped; also how long it may take to finish once its input
 *                        was closed
 * @param quiet           at the end of the inputs, the middleware counts as done with what it was sent
 *                        once it has given something back and nothing went in or came out for this
 *                        long (one that never gave anything back gets the whole {@code timeout})
 * @param maxLoggedLines  bad output lines logged one by one; later ones are only counted
 */
public record MiddlewareConfig(String commandLine, List<String> command, long maxPayloadBytes, Duration timeout,
                               Duration quiet, int maxLoggedLines) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_QUIET = Duration.ofMillis(300);
    public static final int DEFAULT_MAX_LOGGED_LINES = 10;

    public MiddlewareConfig {
        Objects.requireNonNull(commandLine, "commandLine");
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("--middleware: empty command");
        }
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("--middleware: the largest payload must be at least 1 byte");
        }
        if (timeout.isNegative() || timeout.isZero() || quiet.isNegative()) {
            throw new IllegalArgumentException("--middleware: timeouts must be positive");
        }
    }

    /** The command line split on whitespace, with the default timeouts. */
    public static MiddlewareConfig of(String commandLine, long maxPayloadBytes) {
        String trimmed = commandLine.strip();
        List<String> command = trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
        return new MiddlewareConfig(commandLine, command, maxPayloadBytes, DEFAULT_TIMEOUT, DEFAULT_QUIET,
                DEFAULT_MAX_LOGGED_LINES);
    }

    public MiddlewareConfig withTimeout(Duration newTimeout) {
        return new MiddlewareConfig(commandLine, command, maxPayloadBytes, newTimeout, quiet, maxLoggedLines);
    }

    /** The command as it appears in messages: {@code `python3 mw.py`}. */
    public String quoted() {
        return "`" + commandLine.strip() + "`";
    }
}
