package dev.shadowtap.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one line for the first argument {@link FlagParser} could not match: an unknown flag (with the closest
 * known name) or a stray argument (with a hint when it looks like a boolean's value given after a space).
 */
final class UnknownArgs {
    private static final Map<Flag, String> FAMILIES =
            Stream.of(Flag.values()).collect(Collectors.toUnmodifiableMap(f -> f, UnknownArgs::family));

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
        if (at == 0 && args.get(at).equals("file-server")) {
            return "(gor's file-server subcommand is not part of shadowtap: any static server does, e.g. "
                    + "python3 -m http.server 8000)";
        }
        if (at >= 2 && args.get(at - 2).matches("--?input-file") && !args.get(at).startsWith("-")) {
            return "(a second file after --input-file " + args.get(at - 1) + ": if the shell expanded a pattern, quote it, "
                    + "--input-file 'PATTERN', or give --input-file once per file)";
        }
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
     * The flag meant by a likely typo: within edit distance 1 (names under 8 letters) or 2, and in the
     * family the name starts with when it starts with one ({@code output-binary-workers} never suggests
     * {@code --output-http-workers}); else the shortest flag the name is the start of ({@code --input}).
     */
    static Optional<Flag> closest(String name) {
        Optional<String> family = FAMILIES.values().stream()
                .filter(f -> name.equals(f) || name.startsWith(f + "-")).max(Comparator.comparingInt(String::length));
        int allowed = name.length() < 8 ? 1 : 2;
        Flag best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Flag f : Flag.values()) {
            if (family.isPresent() && !FAMILIES.get(f).equals(family.get())
                    || Math.abs(f.flagName().length() - name.length()) > allowed) {
                continue;
            }
            int d = EditDistance.between(name, f.flagName());
            if (d < bestDistance) {
                best = f;
                bestDistance = d;
            }
        }
        if (bestDistance <= allowed) {
            return Optional.of(best);
        }
        return Stream.of(Flag.values()).filter(f -> f.flagName().startsWith(name + "-"))
                .min(Comparator.comparingInt(f -> f.flagName().length()));
    }

    /** {@code output-http} for {@code output-http-workers}, {@code input-raw} for an input; else the first word. */
    static String family(Flag flag) {
        String[] words = flag.flagName().split("-");
        boolean endpoint = (words[0].equals("input") || words[0].equals("output")) && words.length > 1;
        return endpoint ? words[0] + "-" + words[1] : words[0];
    }
}
