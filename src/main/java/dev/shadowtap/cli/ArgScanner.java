package dev.shadowtap.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Splits arguments into flags and values the way Go's flag package does: one or two dashes,
 * {@code --f v} or {@code --f=v}, booleans without a separate value. Stops at the first mistake with
 * a one-line reason; {@code -h}/{@code --help} and {@code --version} win where they appear.
 */
final class ArgScanner {
    /** What the scan found: a request for help or version, or flags to type. */
    sealed interface Scan {
        record HelpRequested() implements Scan {
        }

        record VersionRequested() implements Scan {
        }

        /** Flags in order of first appearance, with their raw values. */
        record Flags(List<Flag> order, ScannedArgs args) implements Scan {
        }
    }

    private ArgScanner() {
    }

    static Scan scan(List<String> args) throws UsageException {
        ScannedArgs scanned = new ScannedArgs();
        List<Flag> order = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--") || arg.startsWith("---")) {
                throw new UsageException("unexpected argument: '" + arg + "' " + strayHint(args, i));
            }
            String body = arg.substring(arg.startsWith("--") ? 2 : 1);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String inline = eq < 0 ? null : body.substring(eq + 1);
            String typed = arg.substring(0, arg.length() - body.length()) + name;
            if (name.equals("h") && inline == null) {
                return new Scan.HelpRequested();
            }
            Flag flag = Flag.named(name).orElseThrow(() -> unknown(typed, name));
            String value = switch (flag.kind()) {
                case BOOL -> inline == null ? "true" : bool(flag, inline);
                case VALUE, LIST -> {
                    if (inline != null) {
                        yield inline;
                    }
                    if (i + 1 >= args.size() || isFlag(args.get(i + 1))) {
                        throw new UsageException("missing value for " + flag.display()
                                + (flag.valueLabel().isEmpty() ? "" : " (expected " + flag.valueLabel() + ")"));
                    }
                    yield args.get(++i);
                }
                case OPTIONAL -> {
                    if (inline != null) {
                        yield inline;
                    }
                    if (i + 1 < args.size() && takesOptional(flag, args.get(i + 1))) {
                        yield args.get(++i);
                    }
                    yield flag == Flag.VERBOSE ? "1" : "";
                }
            };
            if (flag == Flag.HELP && value.equals("true")) {
                return new Scan.HelpRequested();
            }
            if (flag == Flag.VERSION && value.equals("true")) {
                return new Scan.VersionRequested();
            }
            if (!scanned.has(flag)) {
                order.add(flag);
            }
            scanned.add(flag, value);
        }
        return new Scan.Flags(List.copyOf(order), scanned);
    }

    /** After a boolean flag, {@code --stats false} means {@code --stats=false}, as in Go. */
    private static String strayHint(List<String> args, int i) {
        if (i > 0 && args.get(i).matches("true|false") && isFlag(args.get(i - 1)) && !args.get(i - 1).contains("=")) {
            String previous = args.get(i - 1);
            Optional<Flag> flag = Flag.named(previous.substring(previous.startsWith("--") ? 2 : 1));
            if (flag.isPresent() && flag.get().kind() == Flag.Kind.BOOL) {
                return "(a boolean takes its value after =, e.g. " + flag.get().display() + "=" + args.get(i) + ")";
            }
        }
        return "(flags start with - or --; see --help)";
    }

    /** Go's strconv.ParseBool spellings, normalized to true/false. */
    private static String bool(Flag flag, String text) throws UsageException {
        return switch (text) {
            case "1", "t", "T", "true", "TRUE", "True" -> "true";
            case "0", "f", "F", "false", "FALSE", "False" -> "false";
            default -> throw new UsageException(
                    "invalid value for " + flag.display() + ": '" + text + "' (expected true or false)");
        };
    }

    private static boolean takesOptional(Flag flag, String next) {
        if (flag == Flag.VERBOSE) {
            return next.matches("\\d{1,9}|true|false");
        }
        return !next.startsWith("-");
    }

    /** Whether {@code arg} names a known flag (so it is not taken as the previous flag's value). */
    static boolean isFlag(String arg) {
        if (!arg.startsWith("-") || arg.startsWith("---")) {
            return false;
        }
        String body = arg.substring(arg.startsWith("--") ? 2 : 1);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        return name.equals("h") || Flag.named(name).isPresent();
    }

    private static UsageException unknown(String typed, String name) {
        Optional<Flag> closest = closest(name);
        return new UsageException("unknown flag: " + typed
                + closest.map(f -> " (did you mean " + f.display() + "?)").orElse(""));
    }

    /**
     * The flag nearest to {@code name}: a typo (edit distance 1), else the shortest flag it is the start
     * of, else the nearest by edit distance if near enough.
     */
    static Optional<Flag> closest(String name) {
        Flag best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Flag f : Flag.values()) {
            int d = EditDistance.between(name, f.flagName());
            if (d < bestDistance) {
                best = f;
                bestDistance = d;
            }
        }
        if (bestDistance > 1) {
            Optional<Flag> completed = Stream.of(Flag.values()).filter(f -> f.flagName().startsWith(name + "-"))
                    .min(Comparator.comparingInt(f -> f.flagName().length()));
            if (completed.isPresent()) {
                return completed;
            }
        }
        int allowed = Math.max(2, name.length() / 3);
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }
}
