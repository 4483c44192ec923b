package dev.shadowtap.compare;

import java.util.Map;
import java.util.TreeMap;

/**
 * The fields learned to be noise, per endpoint: what the summary and diffs.jsonl apply to every pair
 * when the report is made. One run's {@link NoiseClassifier} learns them; a merge of reports holds the
 * union of what each replayer learned.
 */
public interface LearnedNoise {
    /** Why {@code field} was learned to be noise on {@code endpoint}; null when it was not. */
    NoiseReason learned(String endpoint, String field);

    /** A fixed set: endpoint to field to reason. */
    static LearnedNoise of(Map<String, Map<String, NoiseReason>> learned) {
        Map<String, Map<String, NoiseReason>> copy = new TreeMap<>();
        learned.forEach((endpoint, fields) -> copy.put(endpoint, Map.copyOf(fields)));
        return new Fixed(Map.copyOf(copy));
    }

    /** Every endpoint's learned fields, for the report's merge data. */
    Map<String, Map<String, NoiseReason>> all();

    /** A set of learned fields that no longer changes. */
    record Fixed(Map<String, Map<String, NoiseReason>> all) implements LearnedNoise {
        @Override
        public NoiseReason learned(String endpoint, String field) {
            Map<String, NoiseReason> fields = all.get(endpoint);
            return fields == null ? null : fields.get(field);
        }
    }
}
