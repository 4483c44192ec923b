package dev.shadowtap.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one line for the first argument {@link FlagParser} could not match: an unknown flag (with the closest
 * known name) or a stray argument (with a hint when it looks like a boolean's value given after a space).
 */
final class UnknownArgs {
    private UnknownArgs() {
    }

    /** {@code args.get(at)} is the first argument that is neither a flag nor a flag's value. */
    static String describe(List<String> args, int at) {
        String arg = args.get(at);
        if (!looksLikeFlag(arg)) {
            return "unexpected argument: '" + arg + "' " + strayHint(args, at);
        }
        String body = arg.substring(arg.startsWith("--") ? 2 : 1);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        String typed = arg.substring(0, arg.length() - body.length()) + name;
        return "unknown flag: " + typed + closest(name).map(f -> " (did you mean " + f.display() + "?)").orElse("");
    }

    private static boolean looksLikeFlag(String arg) {
        return arg.startsWith("-") && !arg.equals("-") && !arg.equals("--") && !arg.startsWith("---");
    }

    /**
     * After a boolean, {@code true} and {@code false} are its value; Go's other spellings ({@code 1},
     * {@code t}, {@code F}...) need {@code =}, as in Go.
     */
    private static String strayHint(List<String> args, int at) {
        if (at > 0 && args.get(at).matches("[01tTfF]")) {
            String previous = args.get(at - 1);
            if (looksLikeFlag(previous) && !previous.contains("=")) {
                Optional<Flag> flag = Flag.named(previous.substring(previous.startsWith("--") ? 2 : 1));
                if (flag.isPresent() && flag.get().kind() == Flag.Kind.BOOL) {
                    return "(a boolean takes this value after =, e.g. " + flag.get().display() + "=" + args.get(at)
                            + ", or the word true or false after a space)";
                }
            }
        }
        return "(flags start with - or --; see --help)";
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
