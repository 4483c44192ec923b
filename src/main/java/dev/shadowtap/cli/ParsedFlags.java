package dev.shadowtap.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The flags of one command line, still as typed: every value given for each flag, in argument order
 * (booleans already normalized to {@code true}/{@code false} by {@link GoBooleans}), and the flags in
 * order of first appearance. {@link TypedArgs} types the values.
 */
record ParsedFlags(List<Flag> order, Map<Flag, List<String>> values) {
    ParsedFlags {
        order = List.copyOf(order);
        values = values.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        if (!Set.copyOf(order).equals(values.keySet())) {
            throw new IllegalArgumentException("order " + order + " does not list the flags " + values.keySet());
        }
    }

    /** Every value given for {@code flag}, in order; empty when it was not given. */
    List<String> valuesOf(Flag flag) {
        return values.getOrDefault(flag, List.of());
    }
}
