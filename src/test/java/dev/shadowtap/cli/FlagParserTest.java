package dev.shadowtap.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tokenizer's rules, one test per rule with cases that follow it and cases that do not. Every expected
 * outcome here was first observed on the picocli 4.7.7 configuration this parser replaces (same settings as
 * the old FlagSpecs), so the command line behaves as before, quirks included.
 */
class FlagParserTest {
    /** "help", "version", the one-line error, or each flag in order of first appearance with its values. */
    static String outcome(String... args) {
        try {
            return switch (FlagParser.parse(List.of(args))) {
                case FlagParser.Scan.HelpRequested h -> "help";
                case FlagParser.Scan.VersionRequested v -> "version";
                case FlagParser.Scan.Flags f -> f.order().stream()
                        .map(flag -> flag.flagName() + "=" + f.parsed().valuesOf(flag)).collect(Collectors.joining(" "));
            };
        } catch (UsageException e) {
            return e.getMessage();
        }
    }

    @Test
    void namesTakeOneOrTwoDashesAndHelpAlsoH() {
        assertThat(outcome("--stats")).isEqualTo("stats=[true]");
        assertThat(outcome("-stats")).isEqualTo("stats=[true]");
        assertThat(outcome("-verbose", "5")).isEqualTo("verbose=[5]");
        assertThat(outcome("-h")).isEqualTo("help");
        assertThat(outcome("-h", "x")).isEqualTo("help");
        // Go's flag package takes one or two dashes alike, -h included (picocli refused --h)
        assertThat(outcome("--h")).isEqualTo("help");
        assertThat(outcome("--h=true")).isEqualTo("help");
        assertThat(outcome("--h=false", "--stats")).isEqualTo("help=[false] stats=[true]");
        assertThat(outcome("---stats")).isEqualTo("unexpected argument: '---stats' (flags start with - or --; see --help)");
    }

    @Test
    void namesAreExactCaseSensitiveAndNeverClustered() {
        assertThat(outcome("--input-file", "a")).isEqualTo("input-file=[a]");
        assertThat(outcome("--STATS")).isEqualTo("unknown flag: --STATS");
        assertThat(outcome("--inp")).isEqualTo("unknown flag: --inp");
        assertThat(outcome("--input")).isEqualTo("unknown flag: --input (did you mean --input-raw?)");
        assertThat(outcome("-inputfile")).isEqualTo("unknown flag: -inputfile (did you mean --input-file?)");
        assertThat(outcome("-htp-set-header")).isEqualTo("unknown flag: -htp-set-header (did you mean --http-set-header?)");
    }

    @Test
    void equalsAttachesAValueThatMayBeEmptyOrContainEquals() {
        assertThat(outcome("--exit-after=a=b")).isEqualTo("exit-after=[a=b]");
        assertThat(outcome("-exit-after=1s")).isEqualTo("exit-after=[1s]");
        assertThat(outcome("--exit-after=")).isEqualTo("exit-after=[]");
        assertThat(outcome("--input-file=")).isEqualTo("input-file=[]");
        assertThat(outcome("--=x")).isEqualTo("unknown flag: --");
        assertThat(outcome("-=x")).isEqualTo("unknown flag: -");
        assertThat(outcome("--=")).isEqualTo("unknown flag: --");
    }

    @Test
    void anEmptyValueIsKeptAsOne() {
        FlagParser.Scan scan = parse("--exit-after=", "--input-file", "");
        ParsedFlags parsed = ((FlagParser.Scan.Flags) scan).parsed();
        assertThat(parsed.valuesOf(Flag.EXIT_AFTER)).containsExactly("");
        assertThat(parsed.valuesOf(Flag.INPUT_FILE)).containsExactly("");
        assertThat(parsed.valuesOf(Flag.STATS)).isEmpty();
    }

    @Test
    void booleansTakeTheNextArgumentOnlyWhenItIsTheWordTrueOrFalseAndCheckAnAttachedValueInOrder() {
        assertThat(outcome("--stats", "--stats")).isEqualTo("stats=[true, true]");
        assertThat(outcome("-stats=true")).isEqualTo("stats=[true]");
        assertThat(outcome("--stats=TRUE")).isEqualTo("stats=[true]");
        assertThat(outcome("--stats=T", "--output-null=0")).isEqualTo("stats=[true] output-null=[false]");
        assertThat(outcome("--stats=")).isEqualTo("invalid value for --stats: '' (expected true or false)");
        assertThat(outcome("--stats=yes")).isEqualTo("invalid value for --stats: 'yes' (expected true or false)");
        assertThat(outcome("--stats=true=x")).isEqualTo("invalid value for --stats: 'true=x' (expected true or false)");
        assertThat(outcome("--stats", "1")).isEqualTo("unexpected argument: '1' (a boolean takes this value after =,"
                + " e.g. --stats=1, or the word true or false after a space)");
        assertThat(outcome("--stats", "yes")).isEqualTo("unexpected argument: 'yes' (flags start with - or --; see --help)");
        assertThat(outcome("--exit-after", "1s", "--stats=bad", "--bogus"))
                .isEqualTo("invalid value for --stats: 'bad' (expected true or false)");
        assertThat(outcome("--bogus", "--stats=bad")).isEqualTo("unknown flag: --bogus");
    }

    /**
     * GoReplay's docs write {@code --split-output true}: Go's flag package stops at the bare word and GoReplay
     * ignores it and everything after it. Here the word is the boolean's value and the parse reads on.
     */
    @Test
    void aBareTrueOrFalseAfterABooleanIsItsValueAndTheParseGoesOn() {
        assertThat(outcome("--split-output", "true", "--stats")).isEqualTo("split-output=[true] stats=[true]");
        assertThat(outcome("--stats", "false", "-output-null", "FALSE", "--split-output", "True"))
                .isEqualTo("stats=[false] output-null=[false] split-output=[true]");
        assertThat(outcome("--stats", "--stats", "false")).isEqualTo("stats=[true, false]");
        assertThat(outcome("--stats", "true", "true")).isEqualTo("unexpected argument: 'true' (flags start with - or --; see --help)");
        assertThat(outcome("--stats=true", "false")).isEqualTo("unexpected argument: 'false' (flags start with - or --; see --help)");
        assertThat(outcome("--h", "false", "--stats")).isEqualTo("help=[false] stats=[true]");
        assertThat(outcome("--help", "true")).isEqualTo("help");
        assertThat(outcome("--output-stdout", "extra")).isEqualTo("unexpected argument: 'extra' (flags start with - or --; see --help)");
        // a value flag still takes any next argument, a word included
        assertThat(outcome("--exit-after", "true")).isEqualTo("exit-after=[true]");
    }

    @Test
    void aValueIsTheNextArgumentEvenWithADashUnlessItNamesAFlag() {
        for (String value : List.of("-2", "--bogus", "-", "--", "---stats", "--nonexistent=x", "--STATS", "@f",
                "\"q\"", "a b", "", "--=x", "-=x", "-o", "--o")) {
            assertThat(outcome("--exit-after", value)).as(value).isEqualTo("exit-after=[" + value + "]");
        }
        assertThat(outcome("--output-file", "--bogus")).isEqualTo("output-file=[--bogus]");
        for (String flag : List.of("--stats=true", "-stats", "-h", "--h", "--help", "-help=foo", "-h=x", "--stats=bogus",
                "--verbose=2", "--exit-after", "-exit-after=1s", "--version=0")) {
            assertThat(outcome("--exit-after", flag)).as(flag).isEqualTo("missing value for --exit-after (expected DURATION)");
        }
        assertThat(outcome("--exit-after", "-h", "x")).isEqualTo("missing value for --exit-after (expected DURATION)");
        assertThat(outcome("--output-file", "--stats=false")).isEqualTo("missing value for --output-file (expected FILE)");
    }

    @Test
    void aValueMissingAtTheEndNamesTheFlag() {
        assertThat(outcome("--exit-after")).isEqualTo("missing value for --exit-after (expected DURATION)");
        assertThat(outcome("--stats", "--input-file")).isEqualTo("missing value for --input-file (expected FILE[|N%])");
        assertThat(outcome("--input-file", "x")).isEqualTo("input-file=[x]");
    }

    @Test
    void anOptionalValueIsTakenUnlessTheNextArgumentNamesAFlag() {
        for (String value : List.of("2", "x", "-2", "-x", "--bogus", "--bogus=1", "--", "-", "---stats", "", "true",
                "false", "@f")) {
            assertThat(outcome("--verbose", value)).as(value).isEqualTo("verbose=[" + value + "]");
        }
        assertThat(outcome("--verbose=")).isEqualTo("verbose=[]");
        assertThat(outcome("--verbose=", "--verbose")).isEqualTo("verbose=[, true]");
        assertThat(outcome("--input-dummy", "0", "--input-dummy=x")).isEqualTo("input-dummy=[0, x]");
        assertThat(outcome("--verbose")).isEqualTo("verbose=[true]");
        assertThat(outcome("--input-dummy", "--input-dummy")).isEqualTo("input-dummy=[true, true]");
        assertThat(outcome("--verbose", "--stats")).isEqualTo("verbose=[true] stats=[true]");
        assertThat(outcome("--verbose", "--stats=true")).isEqualTo("verbose=[true] stats=[true]");
        assertThat(outcome("--verbose", "-stats=false")).isEqualTo("verbose=[true] stats=[false]");
        assertThat(outcome("--verbose", "--exit-after=1s")).isEqualTo("verbose=[true] exit-after=[1s]");
        assertThat(outcome("--verbose", "-verbose")).isEqualTo("verbose=[true, true]");
        assertThat(outcome("--verbose", "-h=false")).isEqualTo("verbose=[true] help=[false]");
        assertThat(outcome("--verbose", "-h")).isEqualTo("help");
        assertThat(outcome("--verbose", "--help")).isEqualTo("help");
        assertThat(outcome("--verbose", "-help")).isEqualTo("help");
        assertThat(outcome("--verbose", "--version")).isEqualTo("version");
        assertThat(outcome("--verbose", "--stats=bad")).isEqualTo("invalid value for --stats: 'bad' (expected true or false)");
        assertThat(outcome("--input-dummy", "--stats=bad")).isEqualTo("invalid value for --stats: 'bad' (expected true or false)");
        assertThat(outcome("--verbose=3", "4")).isEqualTo("unexpected argument: '4' (flags start with - or --; see --help)");
        assertThat(outcome("--verbose", "1", "2")).isEqualTo("unexpected argument: '2' (flags start with - or --; see --help)");
        assertThat(outcome("--input-dummy", "x", "y")).isEqualTo("unexpected argument: 'y' (flags start with - or --; see --help)");
    }

    @Test
    void repeatsKeepEveryValueInOrderAndFlagsTheOrderOfFirstAppearance() {
        assertThat(outcome("--exit-after", "1s", "--stats", "--exit-after", "2s"))
                .isEqualTo("exit-after=[1s, 2s] stats=[true]");
        assertThat(outcome("--input-file", "a", "--input-file", "b")).isEqualTo("input-file=[a, b]");
        assertThat(outcome("--stats", "--input-file", "a", "-stats=false", "--input-file=b"))
                .isEqualTo("stats=[true, false] input-file=[a, b]");
        assertThat(outcome()).isEmpty();
    }

    @Test
    void goReplaysDeprecatedNamesJoinTheirModernFlagInArgumentOrder() {
        assertThat(outcome("--http-set-header", "A: 1", "--output-http-header", "B: 2", "-http-set-header=C: 3",
                "-output-http-header", "D: 4")).isEqualTo("http-set-header=[A: 1, B: 2, C: 3, D: 4]");
        assertThat(outcome("--output-http-method", "GET", "--stats", "--http-allow-method", "PUT"))
                .isEqualTo("http-allow-method=[GET, PUT] stats=[true]");
        assertThat(outcome("--output-http-url-regexp")).isEqualTo("missing value for --output-http-url-regexp (expected REGEX)");
    }

    @Test
    void doubleDashAtFilesAndQuotesAreNotSpecial() {
        assertThat(outcome("--")).isEqualTo("unexpected argument: '--' (flags start with - or --; see --help)");
        assertThat(outcome("-")).isEqualTo("unexpected argument: '-' (flags start with - or --; see --help)");
        assertThat(outcome("@file")).isEqualTo("unexpected argument: '@file' (flags start with - or --; see --help)");
        assertThat(outcome("\"--stats\"")).isEqualTo("unexpected argument: '\"--stats\"' (flags start with - or --; see --help)");
        assertThat(outcome("'x'")).isEqualTo("unexpected argument: ''x'' (flags start with - or --; see --help)");
        assertThat(outcome("--input-file", "--")).isEqualTo("input-file=[--]");
        assertThat(outcome("--input-file", "@x")).isEqualTo("input-file=[@x]");
    }

    @Test
    void theFirstArgumentThatIsNeitherFlagNorValueStopsTheParse() {
        assertThat(outcome("x", "--help")).isEqualTo("unexpected argument: 'x' (flags start with - or --; see --help)");
        assertThat(outcome("--bogus", "--help")).isEqualTo("unknown flag: --bogus");
        assertThat(outcome("--bogus")).isEqualTo("unknown flag: --bogus");
        assertThat(outcome("--stats", "--bogus", "x")).isEqualTo("unknown flag: --bogus");
    }

    @Test
    void helpAndVersionStopTheParseWhereTheyAppear() {
        assertThat(outcome("--help", "--bogus")).isEqualTo("help");
        assertThat(outcome("--help", "--stats=bad")).isEqualTo("help");
        assertThat(outcome("--stats=bad", "--help")).isEqualTo("invalid value for --stats: 'bad' (expected true or false)");
        assertThat(outcome("--exit-after", "--help")).isEqualTo("missing value for --exit-after (expected DURATION)");
        assertThat(outcome("--help=1")).isEqualTo("help");
        assertThat(outcome("-h=true")).isEqualTo("help");
        assertThat(outcome("--help=0")).isEqualTo("help=[false]");
        assertThat(outcome("-h=false")).isEqualTo("help=[false]");
        assertThat(outcome("--help=bad")).isEqualTo("invalid value for --help: 'bad' (expected true or false)");
        assertThat(outcome("--help=", "x")).isEqualTo("invalid value for --help: '' (expected true or false)");
        assertThat(outcome("-version")).isEqualTo("version");
        assertThat(outcome("--version=t")).isEqualTo("version");
        assertThat(outcome("--version=false", "--stats")).isEqualTo("version=[false] stats=[true]");
    }

    private static FlagParser.Scan parse(String... args) {
        try {
            return FlagParser.parse(List.of(args));
        } catch (UsageException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
