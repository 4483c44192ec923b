package dev.shadowtap;

import dev.shadowtap.app.Application;
import dev.shadowtap.capture.InterruptDisposition;
import dev.shadowtap.cli.CommandLine;
import dev.shadowtap.cli.ParseResult;
import dev.shadowtap.compare.merge.CompareMerge;
import dev.shadowtap.demo.Demo;

import java.io.PrintStream;
import java.util.List;

/** Entry point: parses the command line, runs the application (or {@code shadowtap demo}, {@code shadowtap compare-merge}), exits with its status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        stopOnInterrupt();
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
        if (args.length > 0 && args[0].equals("compare-merge")) {
            return CompareMerge.run(List.of(args).subList(1, args.length), out, err);
        }
        return switch (CommandLine.parse(args)) {
            case ParseResult.Help help -> print(out, help.text(), 0);
            case ParseResult.Version version -> print(out, version.text(), 0);
            case ParseResult.Failure failure -> print(err, "shadowtap: " + failure.oneLine(), failure.status());
            case ParseResult.Run run -> {
                run.notes().forEach(note -> err.println("shadowtap: " + note));
                yield new Application(run.options(), out, err).run();
            }
        };
    }

    /**
     * SIGINT stops the run (through the shutdown hook: inputs close, queues drain, files flush) even
     * when it was ignored at start: a shell starts background jobs with SIGINT ignored and the JVM
     * keeps that, so {@code kill -INT} of a {@code shadowtap ... &} would do nothing. gor stops on it.
     */
    private static void stopOnInterrupt() {
        if (!InterruptDisposition.unignore()) {
            return; // the JVM handles SIGINT itself (it was not ignored)
        }
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> System.exit(128 + 2));
        } catch (IllegalArgumentException unavailable) {
            // the JVM keeps SIGINT for itself here
        }
    }

    private static int print(PrintStream stream, String text, int status) {
        stream.println(text);
        stream.flush();
        return status;
    }
}
