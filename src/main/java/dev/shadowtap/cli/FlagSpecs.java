package dev.shadowtap.cli;

import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Stack;

/**
 * Builds picocli's model from the {@link Flag} table: one {@link OptionSpec} per flag, named {@code --x}
 * with the hidden single-dash alias {@code -x} (Go's flag package takes both), every value kept as the
 * String the user typed (typing stays in {@link Sizes}, {@link GoDurations}, {@link Addresses},
 * {@link HttpSpecs}). The parser is set to Go's rules: no POSIX clustering ({@code -htp-set-header} is
 * one unknown flag, not {@code -h}...), the last value of a single-value flag wins, values may start with
 * a dash unless they name a flag ({@code --input-kafka-offset -2}), {@code =} attaches a value,
 * {@code --} and {@code @file} are not special, and the first unmatched argument stops the parse so that
 * the first mistake, in argument order, is the one reported.
 * <p>
 * picocli's usage help is not used: {@code --help} is rendered by {@link HelpText}, and help and version
 * are ordinary booleans here that stop the parse where they appear (see {@link Stop}).
 */
final class FlagSpecs {
    /**
     * No argument from a shell can contain NUL, so this end-of-options delimiter never matches: {@code --}
     * is reported as an unexpected argument instead of silently ending the flags.
     */
    private static final String NO_END_OF_OPTIONS = "\0";

    private FlagSpecs() {
    }

    /** A fresh model (picocli keeps parsed values in it, so it is built for every parse). */
    static CommandSpec commandSpec() {
        CommandSpec spec = CommandSpec.create();
        for (Flag flag : Flag.values()) {
            spec.addOption(option(flag));
        }
        spec.parser()
                .posixClusteredShortOptionsAllowed(false)
                .overwrittenOptionsAllowed(true)
                .unmatchedArgumentsAllowed(false)
                .unmatchedOptionsAllowedAsOptionParameters(true)
                .allowOptionsAsOptionParameters(false)
                .allowSubcommandsAsOptionParameters(false)
                .abbreviatedOptionsAllowed(false)
                .stopAtPositional(false)
                .stopAtUnmatched(true)
                .trimQuotes(false)
                .splitQuotedStrings(false)
                .expandAtFiles(false)
                .separator("=")
                .endOfOptionsDelimiter(NO_END_OF_OPTIONS);
        return spec;
    }

    /** The flag an option was built from. */
    static Flag flagOf(ArgSpec arg) {
        return Flag.named(((OptionSpec) arg).longestName().substring(2))
                .orElseThrow(() -> new IllegalStateException("option without a flag: " + arg));
    }

    private static OptionSpec option(Flag flag) {
        List<String> names = flag == Flag.HELP ? List.of(flag.display(), "-" + flag.flagName(), "-h")
                : List.of(flag.display(), "-" + flag.flagName());
        OptionSpec.Builder b = OptionSpec.builder(names.toArray(String[]::new)).paramLabel(flag.valueLabel());
        return switch (flag.kind()) {
            // Always exactly one value: the one attached with = or the implied true (see goBoolean).
            case BOOL -> b.arity("1").type(String.class).preprocessor(FlagSpecs::goBoolean).build();
            case VALUE -> b.arity("1").type(String.class).build();
            case LIST -> b.arity("1").type(List.class).auxiliaryTypes(String.class).build();
            // Bare, like a bare boolean, means true: --verbose is level 1, --input-dummy ignores it. (picocli
            // drops an empty fallback value, so the bare occurrence would not count.)
            case OPTIONAL -> b.arity("0..1").fallbackValue("true")
                    .type(List.class).auxiliaryTypes(String.class).build();
        };
    }

    /**
     * Go's booleans never take the next argument ({@code --stats false} leaves {@code false} as a stray
     * argument); only {@code --stats=false} gives a value. picocli's optional parameter (arity 0..1) would
     * take the next argument, so a boolean has arity 1 and this hook supplies the value: the attached one,
     * checked and normalized now (so a bad one is reported in argument order), or {@code true}.
     */
    private static boolean goBoolean(Stack<String> args, CommandSpec spec, ArgSpec arg, Map<String, Object> info) {
        Flag flag = flagOf(arg);
        boolean attached = "=".equals(info.get("separator"));
        String value;
        try {
            value = attached ? GoBooleans.normalize(flag, args.pop()) : "true";
        } catch (UsageException e) {
            throw new Stop(spec, Optional.empty(), e.getMessage());
        }
        args.push(value);
        if (value.equals("true") && (flag == Flag.HELP || flag == Flag.VERSION)) {
            throw new Stop(spec, Optional.of(flag), flag.display());
        }
        return false;
    }

    /**
     * Ends the parse where it is thrown: help or version was asked for ({@code wins} is that flag), or a
     * value was refused ({@code message} is the one line to show).
     */
    static final class Stop extends ParameterException {
        private final transient Optional<Flag> wins;

        Stop(CommandSpec spec, Optional<Flag> wins, String message) {
            super(spec.commandLine(), message);
            this.wins = wins;
        }

        Optional<Flag> wins() {
            return wins;
        }
    }
}
