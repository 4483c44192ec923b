package dev.shadowtap.pipeline;

import dev.shadowtap.core.StageStats;

import java.time.Duration;
import java.util.List;

/** What one {@link Emitter#run()} did: the final counters of every input and output, and how long it ran. */
public record EmitterSummary(List<StageStats.Snapshot> inputs, List<StageStats.Snapshot> outputs, Duration elapsed) {
    public EmitterSummary {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    public long droppedTotal() {
        return inputs.stream().mapToLong(StageStats.Snapshot::droppedTotal).sum()
                + outputs.stream().mapToLong(StageStats.Snapshot::droppedTotal).sum();
    }
}
