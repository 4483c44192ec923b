package dev.shadowtap.pipeline;

import dev.shadowtap.core.StageStats;

import java.util.Objects;

/** An input wired into the {@link Emitter}, with the counters of its stage (messages read). */
public record Source(Input input, StageStats stats) {
    public Source {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(stats, "stats");
    }
}
