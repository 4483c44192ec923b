package dev.shadowtap.cli;

import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.PicocliException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the arguments with picocli (model from {@link FlagSpecs}) and turns every picocli complaint
 * into our one line: unknown flags with the closest name, stray arguments, missing values. Help and
 * version win where they appear; the first mistake in argument order is the one reported.
 */
final class FlagParser {
    /** What the parse found: a request for help or version, or flags to type. */
    sealed interface Scan {
        record HelpRequested() implements Scan {
        }

        record VersionRequested() implements Scan {
        }

        /** Flags in order of first appearance, and picocli's result holding every value as typed. */
        record Flags(List<Flag> order, picocli.CommandLine.ParseResult parsed) implements Scan {
        }
    }

    private FlagParser() {
    }

    static Scan parse(List<String> args) throws UsageException {
        picocli.CommandLine.ParseResult parsed;
        try {
            parsed = new picocli.CommandLine(FlagSpecs.commandSpec()).parseArgs(args.toArray(String[]::new));
        } catch (FlagSpecs.Stop stop) {
            if (stop.wins().isEmpty()) {
                throw new UsageException(stop.getMessage());
            }
            return stop.wins().get() == Flag.HELP ? new Scan.HelpRequested() : new Scan.VersionRequested();
        } catch (UnmatchedArgumentException e) {
            throw new UsageException(UnknownArgs.describe(args, e.getUnmatched()));
        } catch (MissingParameterException e) {
            throw missingValue(e.getMissing());
        } catch (ParameterException e) {
            throw new UsageException(e.getMessage());
        } catch (PicocliException e) {
            throw new UsageException("cannot read the command line: " + e.getMessage());
        }
        Set<Flag> order = new LinkedHashSet<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            order.add(FlagSpecs.flagOf(option));
        }
        return new Scan.Flags(List.copyOf(order), parsed);
    }

    private static UsageException missingValue(List<ArgSpec> missing) {
        if (missing.isEmpty()) {
            return new UsageException("missing value (see --help)");
        }
        Flag flag = FlagSpecs.flagOf(missing.getFirst());
        return new UsageException("missing value for " + flag.display()
                + (flag.valueLabel().isEmpty() ? "" : " (expected " + flag.valueLabel() + ")"));
    }
}
