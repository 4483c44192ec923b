package dev.shadowtap.demo;

import dev.shadowtap.app.Application;
import dev.shadowtap.app.RunControl;
import dev.shadowtap.cli.CommandLine;
import dev.shadowtap.cli.ParseResult;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One shadowtap run inside the demo's JVM: the same command line a user types, parsed by the real
 * parser and run by the real {@link Application}, with a {@link RunControl} to see it start and to
 * stop it. Its stdout and stderr are kept for the demo to show.
 */
final class InProcessRun {
    /** How a run ended: its exit status and what it wrote to stderr. */
    record Outcome(int status, String err) {
    }

    private final RunControl control = new RunControl();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    private InProcessRun() {
    }

    /** Starts {@code args} on a new thread. */
    static InProcessRun start(List<String> args) {
        InProcessRun run = new InProcessRun();
        Thread.ofPlatform().name("shadowtap-demo-run").daemon(true).start(() -> {
            try {
                run.outcome.complete(run.execute(args));
            } catch (Throwable t) {
                run.outcome.completeExceptionally(t);
            }
        });
        return run;
    }

    /** Runs {@code args} on this thread, to its end. */
    static Outcome runToEnd(List<String> args) {
        return new InProcessRun().execute(args);
    }

    RunControl control() {
        return control;
    }

    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    private Outcome execute(List<String> args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
             PrintStream o = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            status = switch (CommandLine.parse(args.toArray(String[]::new))) {
                case ParseResult.Run run -> new Application(run.options(), o, e, control).run();
                case ParseResult.Failure failure -> {
                    e.println("shadowtap: " + failure.oneLine());
                    yield failure.status();
                }
                case ParseResult.Help help -> 2;
                case ParseResult.Version version -> 2;
            };
        } catch (RuntimeException ex) {
            // a bug, not a user mistake: the demo reports it in one line and fails
            status = 1;
            err.writeBytes(("shadowtap: " + ex + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new Outcome(status, err.toString(StandardCharsets.UTF_8).strip());
    }
}
