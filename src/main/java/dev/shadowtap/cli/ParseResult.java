package dev.shadowtap.cli;

/** What the command line asks for; the application prints and exits accordingly. */
public sealed interface ParseResult {
    /** Run with these options. */
    record Run(RunOptions options) implements ParseResult {
    }

    /** Print {@code text} to stdout and exit 0. */
    record Help(String text) implements ParseResult {
    }

    /** Print {@code text} to stdout and exit 0. */
    record Version(String text) implements ParseResult {
    }

    /** Print {@code oneLine} to stderr and exit with {@code status} (2 for usage errors). */
    record Failure(String oneLine, int status) implements ParseResult {
    }
}
