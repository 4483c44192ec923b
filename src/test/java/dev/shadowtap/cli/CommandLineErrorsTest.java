package dev.shadowtap.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineErrorsTest {
    static String failure(String... args) {
        ParseResult result = CommandLine.parse(args);
        assertThat(result).as("parse of %s", List.of(args)).isInstanceOf(ParseResult.Failure.class);
        ParseResult.Failure f = (ParseResult.Failure) result;
        assertThat(f.status()).isEqualTo(2);
        assertThat(f.oneLine()).doesNotContain("\n", "\r", "Exception", "\tat ");
        return f.oneLine();
    }

    @Test
    void unknownFlagSuggestsTheClosestName() {
        assertThat(failure("--inptu-file", "x.gor", "--output-stdout"))
                .isEqualTo("unknown flag: --inptu-file (did you mean --input-file?)");
        assertThat(failure("-inptu-file=x.gor")).isEqualTo("unknown flag: -inptu-file (did you mean --input-file?)");
        assertThat(failure("--output-stdot")).isEqualTo("unknown flag: --output-stdout".replace("stdout", "stdot")
                + " (did you mean --output-stdout?)");
        assertThat(failure("--output-file-size", "1g")).isEqualTo("unknown flag: --output-file-size (did you mean --output-file-size-limit?)");
        assertThat(failure("--zzzzzz")).isEqualTo("unknown flag: --zzzzzz");
        assertThat(failure("-htp-set-header", "a: b")).isEqualTo("unknown flag: -htp-set-header (did you mean --http-set-header?)");
    }

    @ParameterizedTest
    @EnumSource(Flag.class)
    void everyFlagNotBuiltYetIsRefusedByName(Flag flag) {
        if (Support.isSupported(flag) || Support.refusal(flag).isPresent()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of("--input-file", "r.gor", "--output-stdout", "--" + flag.flagName()));
        if (flag.kind() == Flag.Kind.VALUE || flag.kind() == Flag.Kind.LIST) {
            args.add("x");
        }
        assertThat(failure(args.toArray(String[]::new))).isEqualTo("not supported yet: " + flag.display());
        assertThat(failure("-" + flag.flagName() + "=1")).isEqualTo("not supported yet: " + flag.display());
    }

    /** Flags GoReplay's help lists whose feature shadowtap does not have: known, and refused by name. */
    @Test
    void goReplayFlagsWithoutAFeatureHereAreRefusedByNameNotUnknown() {
        assertThat(failure("--input-file", "r.gor", "--output-http", "http://x", "--output-http-debug"))
                .isEqualTo("not supported yet: --output-http-debug");
        assertThat(failure("--input-file", "r.gor", "--output-http", "http://x", "--output-http-compatibility-mode"))
                .isEqualTo("not supported yet: --output-http-compatibility-mode");
        assertThat(failure("--input-raw", ":80", "--output-stdout", "--input-raw-immediate-mode"))
                .isEqualTo("not supported yet: --input-raw-immediate-mode");
    }

    @Test
    void goReplaysDeprecatedNamesAreNamedAsTypedInErrorsAndSuggested() {
        assertThat(failure("--input-file", "r.gor", "--output-stdout", "--output-http-url-regexp", "(unclosed"))
                .startsWith("invalid value for --output-http-url-regexp: '(unclosed' (expected REGEX; bad regex");
        assertThat(failure("--input-file", "r.gor", "--output-stdout", "--http-set-header", "A: 1",
                "--output-http-header", "no-colon"))
                .isEqualTo("invalid value for --output-http-header: 'no-colon' (expected 'Name: value')");
        assertThat(failure("--input-file", "r.gor", "--output-stdout", "--output-http-header", "A: 1",
                "--http-set-header", "no-colon"))
                .isEqualTo("invalid value for --http-set-header: 'no-colon' (expected 'Name: value')");
        assertThat(failure("--output-http-metod", "GET")).isEqualTo("unknown flag: --output-http-metod (did you mean --output-http-method?)");
    }

    @Test
    void theFirstUnsupportedFlagIsNamed() {
        assertThat(failure("--input-raw", ":80", "--output-ws", "ws://k:28020", "--output-http", "http://x")).isEqualTo("not supported yet: --output-ws");
    }

    @Test
    void kafkaBrokersAndTopicsAreCheckedWhenParsed() {
        assertThat(failure("--input-file", "a.gor", "--output-kafka-host", "nohost", "--output-kafka-topic", "t"))
                .isEqualTo("invalid value for --output-kafka-host: 'nohost' (expected HOST:PORT, comma separated,"
                        + " e.g. 127.0.0.1:9092)");
        assertThat(failure("--input-kafka-host", "k:9092,k2", "--input-kafka-topic", "t", "--output-stdout"))
                .startsWith("invalid value for --input-kafka-host: 'k2' ");
        assertThat(failure("--input-file", "a.gor", "--output-kafka-host", "k:9092", "--output-kafka-topic", "bad topic!"))
                .isEqualTo("invalid value for --output-kafka-topic: 'bad topic!' (Kafka topic names are 1-249 of"
                        + " a-z A-Z 0-9 . _ -)");
        assertThat(CommandLine.parse("--input-file", "a.gor", "--output-kafka-host", "[::1]:9092,k.example:9093",
                "--output-kafka-topic", "shop.v1_x-2", "--output-kafka-json-format")).isInstanceOf(ParseResult.Run.class);
    }

    @Test
    void showingPayloadsNeedsSomethingThatShowsThem() {
        assertThat(failure("--input-file", "a.gor", "--output-null", "--dashboard-show-payloads"))
                .isEqualTo("--dashboard-show-payloads needs --dashboard (or --http-pprof): nothing shows payloads without it");
        assertThat(CommandLine.parse(new String[]{"--input-file", "a.gor", "--output-null", "--dashboard-show-payloads",
                "--http-pprof", "127.0.0.1:0"})).isInstanceOf(ParseResult.Run.class);
    }

    @Test
    void kafkaTlsNeedsAKafkaSideAndACertificateItsKey() {
        String[] in = {"--input-kafka-host", "k:9092", "--input-kafka-topic", "t", "--output-stdout"};
        assertThat(failure("--input-file", "a.gor", "--output-stdout", "--kafka-tls-ca-cert", "ca.pem"))
                .isEqualTo("--kafka-tls-ca-cert needs --input-kafka-host or --output-kafka-host");
        assertThat(failure(concat(in, "--kafka-tls-client-cert", "c.pem"))).isEqualTo("--kafka-tls-client-cert needs --kafka-tls-client-key");
        assertThat(failure(concat(in, "--kafka-tls-ca-cert", "ca.pem", "--kafka-tls-client-key", "k.pem")))
                .isEqualTo("--kafka-tls-client-key needs --kafka-tls-client-cert");
    }

    @Test
    void aKafkaSideNeedsItsTopicAndABroker() {
        assertThat(failure("--input-kafka-host", "k:9092", "--output-stdout")).isEqualTo("--input-kafka-host needs --input-kafka-topic");
        assertThat(failure("--input-file", "a.gor", "--output-kafka-host", ",", "--output-kafka-topic", "t"))
                .isEqualTo("--output-kafka-host needs at least one broker, e.g. 127.0.0.1:9092");
    }

    @Test
    void kafkaSaslNeedsAKnownMechanismAndCredentials() {
        String[] in = {"--input-kafka-host", "k:9092", "--input-kafka-topic", "t", "--output-stdout"};
        assertThat(failure(concat(in, "--input-kafka-use-sasl", "--input-kafka-mechanism", "GSSAPI",
                "--input-kafka-username", "u", "--input-kafka-password", "p")))
                .isEqualTo("invalid value for --input-kafka-mechanism: 'GSSAPI' (expected PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)");
        assertThat(failure(concat(in, "--input-kafka-use-sasl", "--input-kafka-username", "u")))
                .isEqualTo("--input-kafka-use-sasl needs --input-kafka-username and --input-kafka-password");
        assertThat(failure(concat(in, "--input-kafka-username", "u")))
                .isEqualTo("--input-kafka-mechanism, -username and -password need --input-kafka-use-sasl");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void missingValuesNameTheFlag() {
        assertThat(failure("--output-stdout", "--input-file")).isEqualTo("missing value for --input-file (expected FILE[|N%])");
        assertThat(failure("--input-file", "--output-stdout")).isEqualTo("missing value for --input-file (expected FILE[|N%])");
        assertThat(failure("--input-file", "a", "--exit-after", "-h")).isEqualTo("missing value for --exit-after (expected DURATION)");
    }

    @Test
    void badValuesAreOneLineNamingFlagAndValue() {
        assertThat(failure("--input-file", "r.gor", "--output-file", "o.gor", "--output-file-size-limit", "12zb"))
                .isEqualTo("invalid value for --output-file-size-limit: '12zb' (expected a size like 32mb or 1g)");
        assertThat(failure("--input-file", "r.gor", "--output-stdout", "--stats=yes"))
                .isEqualTo("invalid value for --stats: 'yes' (expected true or false)");
        assertThat(failure("--input-file", "r.gor", "--output-stdout", "--exit-after", "1\n2"))
                .isEqualTo("invalid value for --exit-after: '1\\n2' (expected a duration like 2s, 500ms or 1m30s)");
        assertThat(failure("--input-file", "r.gor|fast", "--output-stdout"))
                .isEqualTo("invalid value for --input-file: 'r.gor|fast' (expected ADDRESS, ADDRESS|N or ADDRESS|N%)");
    }

    @Test
    void inputsAndOutputsAreRequired() {
        assertThat(failure()).startsWith("no input given");
        assertThat(failure("--output-stdout")).startsWith("no input given");
        assertThat(failure("--input-file", "r.gor")).startsWith("no output given");
        assertThat(failure("--input-file", "r.gor", "--stats")).startsWith("no output given");
    }

    @Test
    void strayArgumentsAreRefused() {
        assertThat(failure("--input-file", "r.gor", "--output-stdout", "extra"))
                .isEqualTo("unexpected argument: 'extra' (flags start with - or --; see --help)");
        assertThat(failure("--", "--input-file", "r.gor")).startsWith("unexpected argument: '--'");
        assertThat(failure("demo")).startsWith("unexpected argument: 'demo'");
        assertThat(failure("--input-file", "r.gor", "--output-stdout", "--stats", "0"))
                .isEqualTo("unexpected argument: '0' (a boolean takes this value after =, e.g. --stats=0,"
                        + " or the word true or false after a space)");
        assertThat(failure("--input-file", "r.gor", "--output-stdout", "--stats", "false", "nope"))
                .isEqualTo("unexpected argument: 'nope' (flags start with - or --; see --help)");
        // GoReplay's tutorial starts a file server with gor; an unquoted glob becomes several words
        assertThat(failure("file-server", ":8000")).contains("file-server subcommand is not part of shadowtap")
                .contains("python3 -m http.server");
        assertThat(failure("--input-file", "logs-2016-05-1.gor", "logs-2016-05-2.gor", "--output-null"))
                .isEqualTo("unexpected argument: 'logs-2016-05-2.gor' (a second file after --input-file logs-2016-05-1.gor:"
                        + " if the shell expanded a pattern, quote it, --input-file 'PATTERN', or give --input-file once per file)");
    }

    @Property
    void anyArgumentsGiveAResultAndFailuresAreOneLine(@ForAll("argLists") List<String> args) {
        ParseResult result = CommandLine.parse(args.toArray(String[]::new));
        if (result instanceof ParseResult.Failure f) {
            assertThat(f.oneLine()).isNotBlank().doesNotContain("\n", "\r", "internal error");
            assertThat(f.status()).isEqualTo(2);
        }
    }

    @Provide
    Arbitrary<List<String>> argLists() {
        Arbitrary<String> flagNames = Arbitraries.of(Flag.class).map(Flag::flagName);
        Arbitrary<String> flags = Arbitraries.oneOf(flagNames.map(n -> "--" + n), flagNames.map(n -> "-" + n),
                flagNames.map(n -> "--" + n + "="), Arbitraries.strings().ofMaxLength(8).map(s -> "--" + s));
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of("1", "0", "-1", "32mb", "2s", "a.gor|200%", "x: 5%", "true", "false", ":80", "(", "a=b"));
        return Arbitraries.oneOf(flags, values).list().ofMaxSize(8);
    }
}
