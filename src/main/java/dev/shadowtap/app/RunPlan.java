package dev.shadowtap.app;

import dev.shadowtap.compare.CompareOutput;
import dev.shadowtap.core.IoReason;
import dev.shadowtap.core.Log;
import dev.shadowtap.io.StdoutOutput;
import dev.shadowtap.io.file.FileInput;
import dev.shadowtap.io.file.FileOutput;
import dev.shadowtap.middleware.Middleware;
import dev.shadowtap.pipeline.Relay;
import dev.shadowtap.pipeline.ReplayOutput;
import dev.shadowtap.pipeline.Sink;
import dev.shadowtap.pipeline.Source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run is made of, every part already open ({@link Wiring#plan}): the emitter's inputs,
 * outputs and relay, and the parts the summary and the exit status read afterwards. Immutable; the
 * parts themselves are the running components.
 *
 * @param inputs     the inputs of original traffic
 * @param outputs    the outputs and what they hand back
 * @param middleware {@code --middleware}'s program and the relay through it, when given
 */
record RunPlan(Inputs inputs, Outputs outputs, Optional<Detour> middleware) {
    RunPlan {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(middleware, "middleware");
    }

    /**
     * @param sources every input, in command-line order (raw, file, dummy), filtered and limited
     * @param files   the file inputs among them: the exit status looks at what they could not read
     */
    record Inputs(List<Source> sources, List<FileInput> files) {
        Inputs {
            sources = List.copyOf(sources);
            files = List.copyOf(files);
        }
    }

    /**
     * @param sinks   every output as the emitter takes it (limited where the address says so)
     * @param replies the replies of the replay outputs that track responses: inputs the emitter reads
     * @param replay  the replay outputs (--output-http, --output-binary): a stop makes them give up what they have not sent
     * @param files   the file outputs: the exit status looks at the records they lost
     * @param stdout  {@code --output-stdout}: the exit status asks whether its reader went away
     * @param compare {@code --compare*}: the exit status asks whether it failed
     */
    record Outputs(List<Sink> sinks, List<Source> replies, List<ReplayOutput> replay, List<FileOutput> files,
                   Optional<StdoutOutput> stdout, Optional<CompareOutput> compare) {
        Outputs {
            sinks = List.copyOf(sinks);
            replies = List.copyOf(replies);
            replay = List.copyOf(replay);
            files = List.copyOf(files);
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(compare, "compare");
        }
    }

    /** The middleware's program, and the emitter's relay through its stdin and stdout. */
    record Detour(Middleware program, Relay relay) {
        Detour {
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(relay, "relay");
        }
    }

    /** What the emitter reads: the original traffic, then the replay outputs' replies (feedback inputs). */
    List<Source> emitterInputs() {
        List<Source> all = new ArrayList<>(inputs.sources());
        all.addAll(outputs.replies());
        return all;
    }

    /**
     * The replay outputs' replies that no output but the one making them would take (no middleware,
     * and every output is the replay itself): each would be counted {@code no-output}.
     */
    List<String> repliesWithNowhereToGo() {
        if (middleware.isPresent()) {
            return List.of();
        }
        return outputs.replies().stream()
                .filter(r -> outputs.sinks().stream().allMatch(sink -> sink.feeds(r.input())))
                .map(r -> r.stats().name()).toList();
    }

    /** The emitter's relay, or null without {@code --middleware}. */
    Relay relay() {
        return middleware.map(Detour::relay).orElse(null);
    }

    /**
     * Closes everything the plan opened: the inputs (nothing new comes in), then the outputs (each
     * flushes what it took), then the middleware's program. A close that fails says so in one line
     * and the others still happen. Every close is idempotent, so after a run, whose emitter already
     * closed the outputs and the inputs it stopped, this closes only what the run left open. The
     * replies are not closed here: each ends with its replay output.
     */
    void closeAll(Log log) {
        for (Source source : inputs.sources()) {
            close("input " + source.stats().name(), source.input()::close, log);
        }
        for (Sink sink : outputs.sinks()) {
            close("output " + sink.stats().name(), sink.output()::close, log);
        }
        middleware.ifPresent(detour -> close("middleware", detour.program()::close, log));
    }

    private static void close(String name, Closing closing, Log log) {
        try {
            closing.close();
        } catch (IOException e) {
            log.warn(name + ": close failed: " + IoReason.withFile(e));
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn(name + ": close failed: " + reason);
        }
    }

    @FunctionalInterface
    private interface Closing {
        void close() throws IOException;
    }
}
