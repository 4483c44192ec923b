package dev.shadowtap.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the arguments with Go's flag rules, keeping every value as the String the user typed (typing is
 * {@link TypedArgs}'s job). Every {@link Flag} is {@code --name} or {@code -name} (help also {@code -h});
 * names are exact: no abbreviations, no clustering ({@code -htp-set-header} is one unknown flag), and
 * {@code =} attaches a value ({@code --name=v}, which may be empty or contain {@code =}). By kind:
 * <ul>
 * <li>BOOL: bare is {@code true}, an attached value is checked now by {@link GoBooleans}; the next argument
 * is its value only when it is the word {@code true} or {@code false} ({@code --split-output true}, as
 * GoReplay's docs write it). Go would stop parsing there and GoReplay silently ignore every argument after
 * it; taking the word as the value and reading on is what the user meant. Any other word after a boolean
 * stays a stray argument;</li>
 * <li>VALUE and LIST take one value per occurrence, attached or the next argument even when it starts with a
 * dash ({@code --input-kafka-offset -2}), unless that argument names a flag: then the value is missing;</li>
 * <li>OPTIONAL takes an attached value, else the next argument unless it names a flag, else {@code true}.</li>
 * </ul>
 * A deprecated GoReplay name ({@link Flag#canonical()}) stores its values with its modern flag's, in argument
 * order, remembering which name each value was given with so that an error names what the user typed.
 * A single-value flag given twice keeps every value (the last wins when typed); {@code --} and {@code @file}
 * are not special and quotes are kept. The first argument that is neither a flag nor a flag's value stops
 * the parse with its one line ({@link UnknownArgs}); help and version stop it where they appear, so the
 * first mistake in argument order is the one reported.
 */
final class FlagParser {
    /** What the parse found: a request for help or version, or flags to type. */
    sealed interface Scan {
        record HelpRequested() implements Scan {
        }

        record VersionRequested() implements Scan {
        }

        record Flags(ParsedFlags parsed) implements Scan {
            /** The flags in order of first appearance. */
            List<Flag> order() {
                return parsed.order();
            }
        }
    }

    /** An argument that names a flag, with the value attached to it by {@code =}, if any. */
    private record Named(Flag flag, Optional<String> attached) {
        static Optional<Named> of(String arg) {
            if (!arg.startsWith("-")) {
                return Optional.empty();
            }
            boolean single = !arg.startsWith("--");
            String body = arg.substring(single ? 1 : 2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            Optional<String> attached = eq < 0 ? Optional.empty() : Optional.of(body.substring(eq + 1));
            Optional<Flag> flag = name.equals("h") ? Optional.of(Flag.HELP) : Flag.named(name); // -h and --h, as in Go
            return flag.map(f -> new Named(f, attached));
        }
    }

    private FlagParser() {
    }

    static Scan parse(List<String> args) throws UsageException {
        Map<Flag, List<String>> values = new LinkedHashMap<>();
        Map<Flag, List<Flag>> typedAs = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            Optional<Named> named = Named.of(args.get(i));
            if (named.isEmpty()) {
                throw new UsageException(UnknownArgs.describe(args, i));
            }
            Flag flag = named.get().flag();
            Optional<String> attached = named.get().attached();
            boolean nextIsValue = i + 1 < args.size() && Named.of(args.get(i + 1)).isEmpty();
            String value;
            if (flag.kind() == Flag.Kind.BOOL) {
                if (attached.isPresent()) {
                    value = GoBooleans.normalize(flag, attached.get());
                } else if (nextIsValue && GoBooleans.isWord(args.get(i + 1))) {
                    value = GoBooleans.normalize(flag, args.get(++i));
                } else {
                    value = "true";
                }
            } else if (attached.isPresent()) {
                value = attached.get();
            } else if (nextIsValue) {
                value = args.get(++i);
            } else if (flag.kind() == Flag.Kind.OPTIONAL) {
                value = "true";
            } else {
                throw missingValue(flag);
            }
            if ((flag == Flag.HELP || flag == Flag.VERSION) && value.equals("true")) {
                return flag == Flag.HELP ? new Scan.HelpRequested() : new Scan.VersionRequested();
            }
            values.computeIfAbsent(flag.canonical(), f -> new ArrayList<>()).add(value);
            typedAs.computeIfAbsent(flag.canonical(), f -> new ArrayList<>()).add(flag);
        }
        return new Scan.Flags(new ParsedFlags(List.copyOf(values.keySet()), values, typedAs));
    }

    private static UsageException missingValue(Flag flag) {
        return new UsageException("missing value for " + flag.display()
                + (flag.valueLabel().isEmpty() ? "" : " (expected " + flag.valueLabel() + ")"));
    }
}
