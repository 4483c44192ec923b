package dev.shadowtap.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The raw values of each flag as given, before typing; flags in the order they first appeared. */
final class ScannedArgs {
    private final Map<Flag, List<String>> values = new EnumMap<>(Flag.class);

    void add(Flag flag, String value) {
        values.computeIfAbsent(flag, f -> new ArrayList<>()).add(value);
    }

    boolean has(Flag flag) {
        return values.containsKey(flag);
    }

    /** Every value given for {@code flag}, in order. */
    List<String> all(Flag flag) {
        return Collections.unmodifiableList(values.getOrDefault(flag, List.of()));
    }

    /** The last value given (Go's flag package: the last one wins). */
    Optional<String> last(Flag flag) {
        List<String> all = all(flag);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }
}
