package dev.shadowtap.compare;

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
public record CompareSummary(long compared, long differing, OptionalDouble failAbove, Map<String, Long> unpaired,
                             List<EndpointSummary> endpoints) {
    public CompareSummary {
        unpaired = Map.copyOf(unpaired);
        endpoints = List.copyOf(endpoints);
    }

    /** True when {@code --compare-fail-above} was given and an endpoint's difference rate is above it. */
    public boolean failed() {
        return failAbove.isPresent() && endpoints.stream().anyMatch(EndpointSummary::failed);
    }

    /**
     * One endpoint.
     *
     * @param failed true when its difference rate is above the fail-above rate, or above 0 when none was given
     */
    public record EndpointSummary(String endpoint, long compared, long differing, boolean failed,
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
