package dev.shadowtap.observe;

import dev.shadowtap.compare.CompareSummary;
import dev.shadowtap.core.LinkDetail;
import dev.shadowtap.core.StageDetail;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;
import dev.shadowtap.io.binary.BinaryReplayStats;
import dev.shadowtap.io.http.HttpReplayStats;
import dev.shadowtap.io.raw.CaptureHealth;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one reader of a run's counters for the dashboard, {@code /metrics} and {@code /debug/vars}: it reads
 * the {@link Stats} that {@code --stats} and the exit summary read (stages, and the details that stages
 * registered) and the comparison's live summary, and keeps nothing of its own but the latency of the last
 * second per replay output. A reading is reused for {@link #REUSE_NANOS}, so the collectors of one scrape
 * (and several pages polling at once) share one: the cost stays one reading per scrape, off the hot paths.
 */
public final class RunView {
    static final long REUSE_NANOS = 200_000_000L;
    private static final long RECENT_NANOS = 1_000_000_000L;

    private final Stats stats;
    private final Supplier<Optional<CompareSummary>> compare;
    private final LongSupplier nanoTime;
    private final long startMillis = System.currentTimeMillis();
    private final Map<StageStats, Window> windows = new HashMap<>();
    private RunSnapshot last;
    private long lastNanos;

    public RunView(Stats stats, Supplier<Optional<CompareSummary>> compare, LongSupplier nanoTime) {
        this.stats = stats;
        this.compare = compare;
        this.nanoTime = nanoTime;
    }

    public RunView(Stats stats, Supplier<Optional<CompareSummary>> compare) {
        this(stats, compare, System::nanoTime);
    }

    /** The counters as of now, or as of a reading taken less than {@link #REUSE_NANOS} ago. */
    public synchronized RunSnapshot snapshot() {
        long now = nanoTime.getAsLong();
        if (last != null && now - lastNanos < REUSE_NANOS) {
            return last;
        }
        List<CaptureHealth.Numbers> captures = new ArrayList<>();
        List<RunSnapshot.Replay> replays = new ArrayList<>();
        List<RunSnapshot.Link> links = new ArrayList<>();
        for (StageDetail detail : stats.details()) {
            switch (detail) {
                case CaptureHealth capture -> captures.add(capture.numbers());
                case HttpReplayStats http -> replays.add(http(http, now));
                case BinaryReplayStats binary -> replays.add(binary(binary, now));
                case LinkDetail link -> links.add(new RunSnapshot.Link(link.stage().name(), link.state()));
                default -> {
                    // a detail this view does not know: its stage's counters are read all the same
                }
            }
        }
        last = new RunSnapshot(System.currentTimeMillis(), startMillis, stats.snapshot(), captures, replays,
                links, compare.get());
        lastNanos = now;
        return last;
    }

    private RunSnapshot.Replay http(HttpReplayStats http, long now) {
        long[] classes = new long[6];
        long known = 0;
        for (int c = 1; c <= 5; c++) {
            classes[c - 1] = http.responses(c);
            known += classes[c - 1];
        }
        classes[5] = Math.max(0, http.responsesTotal() - known);
        Histogram latency = http.latencyHistogram();
        StageStats stage = http.stage();
        return new RunSnapshot.Replay(stage.name(), "http", http.sentCount(), classes, stage.snapshot().drops(),
                http.queueDepth(), http.inFlight(), http.workers(), latency, recent(stage, latency, now));
    }

    private RunSnapshot.Replay binary(BinaryReplayStats binary, long now) {
        long[] classes = new long[6];
        classes[5] = binary.replyCount();
        Histogram latency = binary.latencyHistogram();
        StageStats.Snapshot stage = binary.stage().snapshot();
        return new RunSnapshot.Replay(stage.name(), "binary", binary.sentCount(), classes, stage.drops(),
                stage.queueDepth(), -1, binary.openConnections(), latency, recent(binary.stage(), latency, now));
    }

    /** The latency recorded since the window before, cut about once a second. */
    private Histogram recent(StageStats stage, Histogram total, long now) {
        Window w = windows.get(stage);
        if (w == null) {
            w = new Window(total.copy(), now, total.copy());
            windows.put(stage, w);
            return w.recent;
        }
        if (now - w.cutNanos >= RECENT_NANOS) {
            Histogram recent = total.copy();
            recent.subtract(w.atCut);
            w = new Window(total.copy(), now, recent);
            windows.put(stage, w);
        }
        return w.recent;
    }

    private record Window(Histogram atCut, long cutNanos, Histogram recent) {
    }
}
