package dev.shadowtap.compare;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one endpoint counted of one differing field, before the noise learned at the end is applied:
 * pairs in which it differed, its kinds, the noise found when each pair was compared (by reason) and
 * the first few examples seen, sorted by id.
 */
public record FieldState(long count, Set<String> kinds, Map<NoiseReason, Long> noise,
                         List<CompareSummary.Example> examples) {
    /** The order in which merged examples are kept: deterministic whatever the order of the reports. */
    static final Comparator<CompareSummary.Example> EXAMPLE_ORDER = Comparator.comparing(CompareSummary.Example::id)
            .thenComparing(CompareSummary.Example::path).thenComparing(CompareSummary.Example::request)
            .thenComparing(CompareSummary.Example::reference).thenComparing(CompareSummary.Example::candidate);

    public FieldState {
        kinds = Set.copyOf(kinds);
        noise = Map.copyOf(noise);
        examples = examples.stream().sorted(EXAMPLE_ORDER).toList(); // by id: as a report merged alone has them
    }

    /** Noise found when the pairs were compared. */
    long noiseCount() {
        return noise.values().stream().mapToLong(Long::longValue).sum();
    }
}
