package dev.shadowtap.observe;

import dev.shadowtap.compare.CompareSummary;
import dev.shadowtap.core.LinkDetail;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.io.raw.CaptureHealth;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's counters at one moment, as {@link RunView} read them from the run's one registry: every
 * stage, the captures' health, the replay outputs, the links outside the process and the comparison. {@code /metrics},
 * {@code /api/stats}, {@code /debug/vars} and the page all render this one reading.
 *
 * @param timeMillis   when it was taken (epoch milliseconds)
 * @param startMillis  when the run's view was made (about when the run started)
 */
public record RunSnapshot(long timeMillis, long startMillis, List<StageStats.Snapshot> stages,
                          List<CaptureHealth.Numbers> captures, List<Replay> replays, List<Link> links,
                          Optional<CompareSummary> compare) {
    public RunSnapshot {
        stages = List.copyOf(stages);
        captures = List.copyOf(captures);
        replays = List.copyOf(replays);
        links = List.copyOf(links);
    }

    /** How a stage's links outside the process stand: TCP peers, Kafka brokers, a middleware program. */
    public record Link(String stage, LinkDetail.State state) {
    }

    /**
     * One replay output ({@code --output-http}, {@code --output-binary}).
     *
     * @param kind        "http" or "binary"
     * @param classes     final responses by status class: 1xx..5xx and other (six counts; a binary replay's
     *                    replies all count as other)
     * @param errors      the stage's drops by reason: requests that got no answer, and why
     * @param inFlight    requests sent and not answered yet, -1 when the output does not know
     * @param connections connections open to the target
     * @param latency     whole-run latency in microseconds (a copy)
     * @param recent      latency of the last second or so, in microseconds
     */
    public record Replay(String stage, String kind, long sent, long[] classes, Map<Reason, Long> errors, long queue,
                         int inFlight, int connections, Histogram latency, Histogram recent) {
        public long responses() {
            long n = 0;
            for (long c : classes) {
                n += c;
            }
            return n;
        }
    }
}
