package dev.shadowtap.cli;

/** What the command line asks for; the application prints and exits accordingly. */
public sealed interface ParseResult {
    /** Run with these options, after printing each note (a choice made for the user) to stderr. */
    record Run(RunOptions options, java.util.List<String> notes) implements ParseResult {
        public Run {
            notes = java.util.List.copyOf(notes);
        }
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
