package dev.shadowtap.compare;

import dev.shadowtap.core.Reason;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The result of a comparison run, what summary.json holds.
 *
 * @param compared  pairs compared
 * @param differing pairs with at least one real (non-noise) difference
 * @param failAbove {@code --compare-fail-above} as a fraction, if given
 * @param unpaired  exchanges that could not be compared, by reason ({@code no-reference}, ...)
 * @param endpoints per endpoint, most differing first
 */
public record CompareSummary(long compared, long differing, OptionalDouble failAbove, Map<Reason, Long> unpaired,
                             List<EndpointSummary> endpoints) {
    public CompareSummary {
        unpaired = Map.copyOf(unpaired);
        endpoints = List.copyOf(endpoints);
    }

    /**
     * True when {@code --compare-fail-above} was given and an endpoint's gate rate is above it, or
     * nothing at all was compared (a gate that saw nothing must not pass).
     */
    public boolean failed() {
        return failAbove.isPresent() && (nothingCompared() || endpoints.stream().anyMatch(EndpointSummary::failed));
    }

    /** Not one pair was compared. */
    public boolean nothingCompared() {
        return compared == 0;
    }

    /** Everything the comparison saw: the pairs compared and each exchange or record not compared. */
    public long seen() {
        return compared + unpaired.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What was not compared, in words: "N requests had no replayed response (no-candidate), M no original response (no-reference)". */
    public String nothingComparedReason() {
        return unpaired.getOrDefault(Reason.NO_CANDIDATE, 0L) + " requests had no replayed response (no-candidate), "
                + unpaired.getOrDefault(Reason.NO_REFERENCE, 0L) + " no original response (no-reference)";
    }

    /**
     * One endpoint.
     *
     * @param unanswered requests whose replay got no answer ({@code no-candidate}, or expired waiting for it)
     * @param failed     true when its {@link #gateRate()} is above the fail-above rate, or above 0 when none was given
     */
    public record EndpointSummary(String endpoint, long compared, long differing, long unanswered, boolean failed,
                                  List<FieldSummary> fields, Map<Integer, Long> statusReference,
                                  Map<Integer, Long> statusCandidate, Latency latencyReference,
                                  Latency latencyCandidate) {
        public EndpointSummary {
            fields = List.copyOf(fields);
            statusReference = Map.copyOf(statusReference);
            statusCandidate = Map.copyOf(statusCandidate);
        }

        /** Share of compared pairs with a real difference, 0 to 1. */
        public double differenceRate() {
            return compared == 0 ? 0 : (double) differing / compared;
        }

        /** What {@code --compare-fail-above} judges: (differing + unanswered) / (compared + unanswered). */
        public double gateRate() {
            long all = compared + unanswered;
            return all == 0 ? 0 : (double) (differing + unanswered) / all;
        }
    }

    /**
     * One differing field of an endpoint ({@link Difference#field()}).
     *
     * @param differences  pairs in which it differed
     * @param noise        of those, how many were noise
     * @param noiseReasons noise counts by {@link NoiseReason#label()}
     * @param examples     a few differing pairs, the first ones seen
     */
    public record FieldSummary(String field, Set<String> kinds, long differences, long noise,
                               Map<String, Long> noiseReasons, List<Example> examples) {
        public FieldSummary {
            kinds = Set.copyOf(kinds);
            noiseReasons = Map.copyOf(noiseReasons);
            examples = List.copyOf(examples);
        }

        public double noiseShare() {
            return differences == 0 ? 0 : (double) noise / differences;
        }

        /** Every difference of this field was noise. */
        public boolean isNoise() {
            return noise == differences;
        }
    }

    /** One side-by-side example of a field's difference. */
    public record Example(String id, String request, String path, String kind, String reference, String candidate) {
    }

    /** Latency percentiles in milliseconds; count 0 when no record carried a latency. */
    public record Latency(long count, double p50Ms, double p99Ms) {
    }
}
