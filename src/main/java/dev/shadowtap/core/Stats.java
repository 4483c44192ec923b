package dev.shadowtap.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The counters of one run: one {@link StageStats} per stage in the order the stages were made (its
 * messages, bytes and counts by {@link Reason}), and the {@link StageDetail}s of the stages that keep
 * more. {@code --stats}, the exit summary and the drop warnings read them here. Created by the
 * application and handed to each stage's constructor; never a global.
 */
public final class Stats {
    private final List<StageStats> stages = new CopyOnWriteArrayList<>();
    private final List<StageDetail> details = new CopyOnWriteArrayList<>();

    /** A new stage's counters, registered for reporting. */
    public StageStats stage(String name) {
        StageStats stage = new StageStats(name);
        stages.add(stage);
        return stage;
    }

    public List<StageStats> stages() {
        return List.copyOf(stages);
    }

    /** Registers a stage's further counters for the exit summary, in the order they are added. */
    public void detail(StageDetail detail) {
        details.add(detail);
    }

    public List<StageDetail> details() {
        return List.copyOf(details);
    }

    public List<StageStats.Snapshot> snapshot() {
        return stages.stream().map(StageStats::snapshot).toList();
    }

    public long droppedTotal() {
        return stages.stream().mapToLong(StageStats::droppedTotal).sum();
    }
}
