package dev.shadowtap.compare;

import org.HdrHistogram.IntCountsHistogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The counters of one endpoint while the run goes. Bounded: {@link #MAX_FIELDS} fields (the rest
 * under {@code (other fields)}), {@link #MAX_EXAMPLES} examples per field, {@link #MAX_SIGNATURES}
 * distinct sets of real differences, two latency histograms of about 12 KB, one {@link ExamplePair} (the
 * pair with a real difference of the smallest id, bodies cut at {@link ExamplePair#MAX_BODY}). Not thread-safe.
 */
final class EndpointTally {
    static final int MAX_FIELDS = 200;
    static final int MAX_EXAMPLES = 3;
    static final int MAX_SIGNATURES = 1000;
    static final String OTHER_FIELDS = "(other fields)";
    /** The latency histograms' highest value; a merge of reports makes its own with the same bounds. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    static final int LATENCY_DIGITS = 2;

    private final String endpoint;
    private long compared;
    private long unanswered;
    private final Map<String, FieldTally> fields = new LinkedHashMap<>();
    /** Pairs by the set of fields that were real differences when compared (empty set: no real difference). */
    private final Map<Set<String>, Long> signatures = new HashMap<>();
    private long unsettledDiffering;
    private final Map<Integer, Long> statusReference = new TreeMap<>();
    private final Map<Integer, Long> statusCandidate = new TreeMap<>();
    private final IntCountsHistogram latencyReference = new IntCountsHistogram(HIGHEST_MICROS, LATENCY_DIGITS);
    private final IntCountsHistogram latencyCandidate = new IntCountsHistogram(HIGHEST_MICROS, LATENCY_DIGITS);
    private ExamplePair pair;

    private static final class FieldTally {
        long count;
        final Map<NoiseReason, Long> noise = new EnumMap<>(NoiseReason.class);
        final Set<String> kinds = new TreeSet<>();
        final List<CompareSummary.Example> examples = new ArrayList<>(MAX_EXAMPLES);
    }

    EndpointTally(String endpoint) {
        this.endpoint = endpoint;
    }

    String endpoint() {
        return endpoint;
    }

    /** A request of this endpoint whose replay got no answer: it counts against the gate. */
    void unanswered() {
        unanswered++;
    }

    void record(String id, String request, int statusRef, int statusCand, long latencyRefNs, long latencyCandNs,
                List<ClassifiedDifference> differences) {
        compared++;
        statusReference.merge(statusRef, 1L, Long::sum);
        statusCandidate.merge(statusCand, 1L, Long::sum);
        recordLatency(latencyReference, latencyRefNs);
        recordLatency(latencyCandidate, latencyCandNs);
        Set<String> real = new TreeSet<>();
        Map<String, ClassifiedDifference> firstByField = new LinkedHashMap<>();
        for (ClassifiedDifference c : differences) {
            String field = fieldKey(c.difference().field());
            ClassifiedDifference first = firstByField.get(field);
            // a field counts once per pair: real when any of its differences is real
            if (first == null || (first.isNoise() && !c.isNoise())) {
                firstByField.put(field, c);
            }
        }
        firstByField.forEach((field, c) -> {
            FieldTally tally = fields.computeIfAbsent(field, f -> new FieldTally());
            tally.count++;
            tally.kinds.add(c.difference().kind().label());
            if (c.isNoise()) {
                tally.noise.merge(c.noise(), 1L, Long::sum);
            } else {
                real.add(field);
            }
            if (tally.examples.size() < MAX_EXAMPLES) {
                Difference d = c.difference();
                tally.examples.add(new CompareSummary.Example(id, request, d.path(), d.kind().label(), d.reference(),
                        d.candidate()));
            }
        });
        if (signatures.containsKey(real) || signatures.size() < MAX_SIGNATURES) {
            signatures.merge(Set.copyOf(real), 1L, Long::sum);
        } else {
            unsettledDiffering++;
        }
    }

    /**
     * Whether a pair with these differences would be kept: it has a real one and the smallest id so far
     * (what a merge keeps too, so one run and a merge of its parts show the same pair). Asked before
     * the bodies are copied.
     */
    boolean wantsPair(String id, List<ClassifiedDifference> differences) {
        return (pair == null || id.compareTo(pair.id()) < 0) && ExamplePair.anyReal(differences);
    }

    void keepPair(ExamplePair example) {
        if (pair == null || example.id().compareTo(pair.id()) < 0) {
            pair = example;
        }
    }

    private String fieldKey(String field) {
        return fields.containsKey(field) || fields.size() < MAX_FIELDS ? field : OTHER_FIELDS;
    }

    private static void recordLatency(IntCountsHistogram histogram, long latencyNs) {
        if (latencyNs > 0) {
            histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, latencyNs / 1000)));
        }
    }

    /** A copy of everything counted so far, nothing learned applied yet. */
    EndpointState state() {
        Map<String, FieldState> states = new LinkedHashMap<>();
        fields.forEach((field, t) -> states.put(field, new FieldState(t.count, t.kinds, t.noise, t.examples)));
        return new EndpointState(endpoint, compared, unanswered, states, signatures, unsettledDiffering,
                statusReference, statusCandidate, latencyReference.copy(), latencyCandidate.copy(), pair);
    }
}
