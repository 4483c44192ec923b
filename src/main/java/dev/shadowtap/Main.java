package dev.shadowtap;

import dev.shadowtap.app.Application;
import dev.shadowtap.cli.CommandLine;
import dev.shadowtap.cli.ParseResult;
import dev.shadowtap.demo.Demo;

import java.io.PrintStream;
import java.util.List;

/** Entry point: parses the command line, runs the application (or {@code shadowtap demo}), exits with its status. */
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
        if (args.length > 0 && args[0].equals("demo")) {
            int status = Demo.run(List.of(args).subList(1, args.length), out, err);
            out.flush();
            return status;
        }
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
