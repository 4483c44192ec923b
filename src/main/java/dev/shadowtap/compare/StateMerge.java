package dev.shadowtap.compare;

import dev.shadowtap.core.Reason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Merges the results of several replayers into the one a single replayer that saw all their traffic
 * would have had: counts and status codes summed, latency histograms added, the noise learned by any
 * one applied to all, within the bounds of one run ({@link CompareEngine#MAX_ENDPOINTS},
 * {@link EndpointTally#MAX_FIELDS}, {@link EndpointTally#MAX_SIGNATURES} and
 * {@link EndpointTally#MAX_EXAMPLES}; one {@link ExamplePair} per endpoint, the smallest id). What a bound leaves out is chosen by name, never by the order of the
 * reports: the same reports in any order merge the same.
 */
public final class StateMerge {
    private StateMerge() {
    }

    /**
     * @param states at least one, all with the same gate
     * @throws IllegalArgumentException when none is given or their gates differ
     */
    public static ReportState merge(List<ReportState> states) {
        if (states.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        ReportState.Gate gate = states.getFirst().gate();
        Map<Reason, Long> unpaired = new EnumMap<>(Reason.class);
        Map<String, Map<String, NoiseReason>> learned = new TreeMap<>();
        Map<String, List<EndpointState>> byName = new TreeMap<>();
        for (ReportState s : states) {
            if (!s.gate().equals(gate)) {
                throw new IllegalArgumentException("the reports' gates differ");
            }
            s.unpaired().forEach((reason, n) -> unpaired.merge(reason, n, Long::sum));
            s.learned().all().forEach((endpoint, fields) -> fields.forEach((field, reason) ->
                    learned.computeIfAbsent(endpoint, e -> new TreeMap<>())
                            .merge(field, reason, (a, b) -> a.compareTo(b) <= 0 ? a : b)));
            s.endpoints().forEach(e -> byName.computeIfAbsent(e.endpoint(), n -> new ArrayList<>()).add(e));
        }
        Map<String, List<EndpointState>> kept = new LinkedHashMap<>();
        byName.forEach((name, list) -> {
            String key = kept.containsKey(name) || kept.size() < CompareEngine.MAX_ENDPOINTS
                    ? name : CompareEngine.OTHER_ENDPOINTS;
            kept.computeIfAbsent(key, k -> new ArrayList<>()).addAll(list);
        });
        List<EndpointState> endpoints = new ArrayList<>();
        kept.forEach((name, list) -> endpoints.add(endpoint(name, list)));
        return new ReportState(gate, unpaired, endpoints, LearnedNoise.of(learned));
    }

    /** One endpoint from its states in several reports (or several endpoints folded into the other ones). */
    static EndpointState endpoint(String name, List<EndpointState> states) {
        long compared = 0;
        long unanswered = 0;
        long unsettled = 0;
        Map<Integer, Long> statusReference = new TreeMap<>();
        Map<Integer, Long> statusCandidate = new TreeMap<>();
        var latencyReference = HistogramText.empty();
        var latencyCandidate = HistogramText.empty();
        Set<String> names = new TreeSet<>();
        ExamplePair pair = null;
        for (EndpointState s : states) {
            if (s.pair() != null && (pair == null || ExamplePair.ORDER.compare(s.pair(), pair) < 0)) {
                pair = s.pair();
            }
            compared += s.compared();
            unanswered += s.unanswered();
            unsettled += s.unsettledDiffering();
            s.statusReference().forEach((code, n) -> statusReference.merge(code, n, Long::sum));
            s.statusCandidate().forEach((code, n) -> statusCandidate.merge(code, n, Long::sum));
            latencyReference.add(s.latencyReference());
            latencyCandidate.add(s.latencyCandidate());
            names.addAll(s.fields().keySet());
        }
        Map<String, String> keys = new HashMap<>();
        Set<String> keptFields = new TreeSet<>();
        for (String field : names) {
            boolean room = field.equals(EndpointTally.OTHER_FIELDS) || keptFields.size() < EndpointTally.MAX_FIELDS;
            String kept = room ? field : EndpointTally.OTHER_FIELDS;
            keptFields.add(kept);
            keys.put(field, kept);
        }
        UnaryOperator<String> key = field -> keys.getOrDefault(field, field);
        Map<String, List<FieldState>> fieldStates = new LinkedHashMap<>();
        Map<Set<String>, Long> signatures = new HashMap<>();
        for (EndpointState s : states) {
            s.fields().forEach((field, f) -> fieldStates.computeIfAbsent(key.apply(field), k -> new ArrayList<>()).add(f));
            s.signatures().forEach((real, n) -> {
                Set<String> folded = new TreeSet<>();
                real.forEach(f -> folded.add(key.apply(f)));
                signatures.merge(Set.copyOf(folded), n, Long::sum);
            });
        }
        Map<String, FieldState> fields = new TreeMap<>();
        fieldStates.forEach((field, list) -> fields.put(field, field(list)));
        Map<Set<String>, Long> bounded = new HashMap<>();
        List<Map.Entry<Set<String>, Long>> ordered = new ArrayList<>(signatures.entrySet());
        ordered.sort(Comparator.comparing(e -> String.join("\n", new TreeSet<>(e.getKey()))));
        for (Map.Entry<Set<String>, Long> e : ordered) {
            // the no-difference signature always has room: a single run never pushes it out
            if (bounded.size() < EndpointTally.MAX_SIGNATURES || e.getKey().isEmpty()) {
                bounded.put(e.getKey(), e.getValue());
            } else {
                unsettled += e.getValue();
            }
        }
        return new EndpointState(name, compared, unanswered, fields, bounded, unsettled, statusReference,
                statusCandidate, latencyReference, latencyCandidate, pair);
    }

    private static FieldState field(List<FieldState> states) {
        long count = 0;
        Set<String> kinds = new TreeSet<>();
        Map<NoiseReason, Long> noise = new EnumMap<>(NoiseReason.class);
        Set<CompareSummary.Example> examples = new TreeSet<>(FieldState.EXAMPLE_ORDER);
        for (FieldState f : states) {
            count += f.count();
            kinds.addAll(f.kinds());
            f.noise().forEach((reason, n) -> noise.merge(reason, n, Long::sum));
            examples.addAll(f.examples());
        }
        return new FieldState(count, kinds, noise, examples.stream().limit(EndpointTally.MAX_EXAMPLES).toList());
    }
}
