package dev.shadowtap.compare;

import dev.shadowtap.core.Reason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A comparison's result before it is summarized: the gate it was run with, the exchanges not compared
 * by reason, every endpoint's {@link EndpointState} and the noise learned. summary.json carries it
 * (under {@code merge}, {@link ReportStateJson}) so that reports can be merged ({@link StateMerge}).
 */
public record ReportState(Gate gate, Map<Reason, Long> unpaired, List<EndpointState> endpoints, LearnedNoise learned) {
    public ReportState {
        Objects.requireNonNull(gate, "gate");
        Map<Reason, Long> counts = new EnumMap<>(Reason.class);
        counts.putAll(unpaired);
        unpaired = java.util.Collections.unmodifiableMap(counts);
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(learned, "learned");
    }

    /**
     * What decides the verdict besides the traffic: reports merge only when theirs are the same.
     *
     * @param failAbove {@code --compare-fail-above}
     * @param ignore    the {@code --compare-ignore} rules as written, sorted (their order changes nothing)
     */
    public record Gate(OptionalDouble failAbove, List<String> ignore) {
        public Gate {
            Objects.requireNonNull(failAbove, "failAbove");
            ignore = ignore.stream().map(String::strip).sorted().toList();
        }

        static Gate of(CompareConfig config) {
            return new Gate(config.failAbove(), config.ignore().stream().map(IgnoreRule::text).toList());
        }
    }

    /** The same with these not-compared counts (the stage's own drops added by the output). */
    public ReportState withUnpaired(Map<Reason, Long> counts) {
        return new ReportState(gate, counts, endpoints, learned);
    }

    /** The summary: each endpoint's with the learned noise applied, the endpoints worst first. */
    public CompareSummary summarize() {
        List<CompareSummary.EndpointSummary> summaries = new ArrayList<>();
        long compared = 0;
        long differing = 0;
        for (EndpointState state : endpoints) {
            CompareSummary.EndpointSummary s = state.summarize(learned, gate.failAbove());
            summaries.add(s);
            compared += s.compared();
            differing += s.differing();
        }
        summaries.sort(Comparator.comparingDouble((CompareSummary.EndpointSummary s) -> -s.gateRate())
                .thenComparingDouble(s -> -s.differenceRate())
                .thenComparing(CompareSummary.EndpointSummary::endpoint));
        return new CompareSummary(compared, differing, gate.failAbove(), unpaired, summaries);
    }
}
