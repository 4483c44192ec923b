package dev.shadowtap.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed access to scanned values: defaults come from {@link Flag#defaultValue()}; errors name flag and value. */
final class TypedArgs {
    private final ScannedArgs args;

    TypedArgs(ScannedArgs args) {
        this.args = args;
    }

    boolean bool(Flag flag) {
        return args.last(flag).map("true"::equals).orElse(false);
    }

    /** The last value given, or the flag's default, parsed. */
    <T> T one(Flag flag, ValueParser<T> parser) throws UsageException {
        String text = args.last(flag).or(flag::defaultValue)
                .orElseThrow(() -> new IllegalStateException(flag.display() + " has no default"));
        return parse(flag, text, parser);
    }

    /** The last value given, parsed; empty when the flag is absent. */
    <T> Optional<T> optional(Flag flag, ValueParser<T> parser) throws UsageException {
        Optional<String> text = args.last(flag);
        return text.isEmpty() ? Optional.empty() : Optional.of(parse(flag, text.get(), parser));
    }

    /** The last text given; empty when absent or given as empty. */
    Optional<String> text(Flag flag) {
        return args.last(flag).filter(s -> !s.isEmpty());
    }

    /** Every value given, in order, parsed. */
    <T> List<T> all(Flag flag, ValueParser<T> parser) throws UsageException {
        List<T> out = new ArrayList<>();
        for (String text : args.all(flag)) {
            out.add(parse(flag, text, parser));
        }
        return List.copyOf(out);
    }

    int count(Flag flag) {
        return args.all(flag).size();
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
