package dev.shadowtap;

import dev.shadowtap.app.Application;
import dev.shadowtap.cli.CommandLine;
import dev.shadowtap.cli.ParseResult;

import java.io.PrintStream;

/** Entry point: parses the command line, runs the application, exits with its status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs shadowtap with {@code args}; returns the exit status instead of exiting (tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return switch (CommandLine.parse(args)) {
            case ParseResult.Help help -> print(out, help.text(), 0);
            case ParseResult.Version version -> print(out, version.text(), 0);
            case ParseResult.Failure failure -> print(err, "shadowtap: " + failure.oneLine(), failure.status());
            case ParseResult.Run run -> new Application(run.options(), out, err).run();
        };
    }

    private static int print(PrintStream stream, String text, int status) {
        stream.println(text);
        stream.flush();
        return status;
    }
}
