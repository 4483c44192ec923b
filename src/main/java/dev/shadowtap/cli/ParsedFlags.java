package dev.shadowtap.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The flags of one command line, still as typed: every value given for each flag, in argument order
 * (booleans already normalized to {@code true}/{@code false} by {@link GoBooleans}), and the flags in
 * order of first appearance. A value given with a deprecated GoReplay name is kept under the modern
 * flag ({@link Flag#canonical()}); {@code typedAs} says, for each value, which name the user typed.
 * {@link TypedArgs} types the values.
 */
record ParsedFlags(List<Flag> order, Map<Flag, List<String>> values, Map<Flag, List<Flag>> typedAs) {
    ParsedFlags {
        order = List.copyOf(order);
        values = values.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        typedAs = typedAs.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        if (!Set.copyOf(order).equals(values.keySet())) {
            throw new IllegalArgumentException("order " + order + " does not list the flags " + values.keySet());
        }
        for (Map.Entry<Flag, List<String>> e : values.entrySet()) {
            if (e.getKey().canonical() != e.getKey()
                    || typedAs.getOrDefault(e.getKey(), List.of()).size() != e.getValue().size()) {
                throw new IllegalArgumentException(e.getKey().display() + ": values and names given do not match");
            }
        }
    }

    /** Every value given for {@code flag}, in order; empty when it was not given. */
    List<String> valuesOf(Flag flag) {
        return values.getOrDefault(flag, List.of());
    }

    /** The name the {@code index}-th value of {@code flag} was given with: the flag itself or a deprecated name of it. */
    Flag typedAs(Flag flag, int index) {
        return typedAs.getOrDefault(flag, List.of()).get(index);
    }
}
