package dev.shadowtap.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The counters of one run, one {@link StageStats} per stage in the order the stages were made.
 * Created by the application and handed to each stage's constructor; never a global.
 */
public final class Stats {
    private final List<StageStats> stages = new CopyOnWriteArrayList<>();

    /** A new stage's counters, registered for reporting. */
    public StageStats stage(String name) {
        StageStats stage = new StageStats(name);
        stages.add(stage);
        return stage;
    }

    public List<StageStats> stages() {
        return List.copyOf(stages);
    }

    public List<StageStats.Snapshot> snapshot() {
        return stages.stream().map(StageStats::snapshot).toList();
    }

    public long droppedTotal() {
        return stages.stream().mapToLong(StageStats::droppedTotal).sum();
    }
}
