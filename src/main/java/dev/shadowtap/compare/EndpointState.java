package dev.shadowtap.compare;

import org.HdrHistogram.AbstractHistogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything one endpoint counted, with nothing learned applied yet: what a report keeps so that the
 * reports of several replayers can be merged into the one a single replayer would have written
 * ({@link StateMerge}). The histograms (latency in microseconds) are never changed once in a state.
 *
 * @param fields             per field, in the order first seen
 * @param signatures         pairs by the set of fields that were real differences when compared
 * @param unsettledDiffering pairs with real differences beyond the signature bound: always differing
 * @param pair               one pair with a real difference kept whole for the report, or null
 */
public record EndpointState(String endpoint, long compared, long unanswered, Map<String, FieldState> fields,
                            Map<Set<String>, Long> signatures, long unsettledDiffering,
                            Map<Integer, Long> statusReference, Map<Integer, Long> statusCandidate,
                            AbstractHistogram latencyReference, AbstractHistogram latencyCandidate,
                            ExamplePair pair) {
    public EndpointState {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        signatures = Map.copyOf(signatures);
        statusReference = java.util.Collections.unmodifiableMap(new TreeMap<>(statusReference));
        statusCandidate = java.util.Collections.unmodifiableMap(new TreeMap<>(statusCandidate));
    }

    /** The endpoint's summary, with the learned noise applied to every pair. */
    public CompareSummary.EndpointSummary summarize(LearnedNoise learned, OptionalDouble failAbove) {
        long differing = unsettledDiffering;
        for (Map.Entry<Set<String>, Long> e : signatures.entrySet()) {
            if (e.getKey().stream().anyMatch(f -> learned.learned(endpoint, f) == null)) {
                differing += e.getValue();
            }
        }
        List<CompareSummary.FieldSummary> out = new ArrayList<>();
        fields.forEach((field, state) -> {
            Map<String, Long> reasons = new TreeMap<>();
            state.noise().forEach((reason, n) -> reasons.put(reason.label(), n));
            long noise = state.noiseCount();
            NoiseReason learnedReason = learned.learned(endpoint, field);
            if (learnedReason != null && noise < state.count()) {
                reasons.merge(learnedReason.label(), state.count() - noise, Long::sum);
                noise = state.count();
            }
            out.add(new CompareSummary.FieldSummary(field, state.kinds(), state.count(), noise, reasons,
                    state.examples()));
        });
        out.sort(Comparator.comparingLong((CompareSummary.FieldSummary f) -> -(f.differences() - f.noise()))
                .thenComparingLong(f -> -f.differences()).thenComparing(CompareSummary.FieldSummary::field));
        double rate = compared + unanswered == 0 ? 0 : (double) (differing + unanswered) / (compared + unanswered);
        boolean failed = failAbove.isPresent() ? rate > failAbove.getAsDouble() : rate > 0;
        return new CompareSummary.EndpointSummary(endpoint, compared, differing, unanswered, failed, out,
                statusReference, statusCandidate, latency(latencyReference), latency(latencyCandidate));
    }

    private static CompareSummary.Latency latency(AbstractHistogram h) {
        long count = h.getTotalCount();
        if (count == 0) {
            return new CompareSummary.Latency(0, 0, 0);
        }
        return new CompareSummary.Latency(count, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
    }
}
