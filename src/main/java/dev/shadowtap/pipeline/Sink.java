package dev.shadowtap.pipeline;

import dev.shadowtap.core.StageStats;

import java.util.Objects;

/**
 * An output wired into the {@link Emitter}, with the counters of its stage: messages written, and
 * drops for {@code queue-full}, {@code write-error}, {@code output-closed} and {@code output-gone}.
 *
 * @param replies the input through which this output hands back what it produced (a replay output's
 *                responses), or null. When that input is also given to the emitter it is a feedback
 *                input: see {@link Emitter}. An output object that itself is such an input need not
 *                name it here; name it when the output is wrapped (a {@link LimitedOutput}).
 */
public record Sink(Output output, StageStats stats, Input replies) {
    public Sink {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(stats, "stats");
    }

    public Sink(Output output, StageStats stats) {
        this(output, stats, null);
    }

    /** True when {@code input} carries this output's replies. */
    public boolean feeds(Input input) {
        return input == output || (replies != null && input == replies);
    }
}
