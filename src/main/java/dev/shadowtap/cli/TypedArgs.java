package dev.shadowtap.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to the values of the command line ({@link ParsedFlags}, still as typed): defaults come from {@link Flag#defaultValue()};
 * errors name flag and value. A single-value flag given twice keeps the last value, as in Go.
 */
final class TypedArgs {
    private final ParsedFlags parsed;

    TypedArgs(ParsedFlags parsed) {
        this.parsed = parsed;
    }

    /** Booleans arrive normalized to true/false by {@link FlagParser}; absent is false. */
    boolean bool(Flag flag) {
        return last(flag).map("true"::equals).orElse(false);
    }

    /** The last value given, or the flag's default, parsed. */
    <T> T one(Flag flag, ValueParser<T> parser) throws UsageException {
        String text = last(flag).or(flag::defaultValue)
                .orElseThrow(() -> new IllegalStateException(flag.display() + " has no default"));
        return parse(lastTypedAs(flag), text, parser);
    }

    /** The last value given, parsed; empty when the flag is absent. */
    <T> Optional<T> optional(Flag flag, ValueParser<T> parser) throws UsageException {
        Optional<String> text = last(flag);
        return text.isEmpty() ? Optional.empty() : Optional.of(parse(lastTypedAs(flag), text.get(), parser));
    }

    /** The last text given; empty when absent or given as empty. */
    Optional<String> text(Flag flag) {
        return last(flag).filter(s -> !s.isEmpty());
    }

    /** Every value given, in order, parsed; an error names the flag as the user typed it. */
    <T> List<T> all(Flag flag, ValueParser<T> parser) throws UsageException {
        List<T> out = new ArrayList<>();
        List<String> texts = raw(flag);
        for (int i = 0; i < texts.size(); i++) {
            out.add(parse(parsed.typedAs(flag, i), texts.get(i), parser));
        }
        return List.copyOf(out);
    }

    int count(Flag flag) {
        return raw(flag).size();
    }

    /** Every value given for {@code flag}, in order. */
    private List<String> raw(Flag flag) {
        return parsed.valuesOf(flag);
    }

    /** The name the last value was given with (the flag itself when it was not given). */
    private Flag lastTypedAs(Flag flag) {
        int n = raw(flag).size();
        return n == 0 ? flag : parsed.typedAs(flag, n - 1);
    }

    private Optional<String> last(Flag flag) {
        List<String> all = raw(flag);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    private static <T> T parse(Flag flag, String text, ValueParser<T> parser) throws UsageException {
        try {
            return parser.parse(text);
        } catch (BadValueException e) {
            throw new UsageException("invalid value for " + flag.display() + ": '" + text
                    + "' (expected " + e.expected() + ")");
        }
    }
}
