package dev.shadowtap.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reasons by the words users read, for tests that name them as users do (tables of expected labels). */
public final class Reasons {
    private Reasons() {
    }

    /** The reason whose label is {@code label}; fails on a word no reason has. */
    public static Reason labelled(String label) {
        return Arrays.stream(Reason.values()).filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no reason is labelled " + label));
    }

    /** The same counts keyed by label, in the same order. */
    public static Map<String, Long> byLabel(Map<Reason, Long> counts) {
        Map<String, Long> labels = new LinkedHashMap<>();
        counts.forEach((reason, n) -> labels.put(reason.label(), n));
        return labels;
    }
}
