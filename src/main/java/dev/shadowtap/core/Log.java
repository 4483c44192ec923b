package dev.shadowtap.core;

import java.io.PrintStream;

/**
 * Where one-line diagnostics go (bad records, unreachable targets, stats lines). Passed to
 * constructors so tests can read what a component said; never a global.
 */
public interface Log {
    void warn(String line);

    void info(String line);

    /** Both kinds of line to one stream, warnings prefixed so they stand out. */
    static Log to(PrintStream stream) {
        return new Log() {
            @Override
            public void warn(String line) {
                stream.println("shadowtap: " + line);
            }

            @Override
            public void info(String line) {
                stream.println(line);
            }
        };
    }

    /** A log that keeps nothing, for benchmarks and tests that do not look. */
    Log SILENT = new Log() {
        @Override
        public void warn(String line) {
        }

        @Override
        public void info(String line) {
        }
    };
}
