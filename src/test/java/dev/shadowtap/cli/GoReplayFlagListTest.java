package dev.shadowtap.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every flag of GoReplay 1.0 to 2.0 (test data taken from its settings.go of each version) is known here: it
 * works, or it is refused by its name with a reason. None is an "unknown flag".
 */
class GoReplayFlagListTest {
    /** A value each kind of flag takes, by the label --help shows; anything else gets a plain word. */
    private static final Map<String, String> VALUE_BY_LABEL = Map.ofEntries(
            Map.entry("SIZE", "1mb"), Map.entry("DURATION", "1s"), Map.entry("N", "1"), Map.entry("MS", "100"),
            Map.entry("PORT", "4789"), Map.entry("ID", "10"), Map.entry("VNI", "7"), Map.entry("ADDR", ":18080"),
            Map.entry("URL[|N]", "http://127.0.0.1:1"), Map.entry("FILE", "/tmp/shadowtap-flag-list.jfr"),
            Map.entry("'NAME: VALUE'", "X-A: 1"), Map.entry("'NAME: REGEX'", "X-A: 1"), Map.entry("'NAME: N%'", "X-A: 50%"),
            Map.entry("'NAME: REGEX,REPLACEMENT'", "X-A: a,b"), Map.entry("REGEX:REPLACEMENT", "/a:/b"),
            Map.entry("NAME=VALUE", "a=b"), Map.entry("ENGINE", "af_packet"), Map.entry("PROTO", "http"),
            Map.entry("TYPE", "host"), Map.entry("OFFSET[|N%]", "-1"), Map.entry("[N]", "1"), Map.entry("DIR", "/tmp"));

    record GoFlag(String name, boolean bool, String first, String last) {
    }

    static List<GoFlag> goReplayFlags() throws IOException {
        List<GoFlag> flags = new ArrayList<>();
        try (InputStream in = GoReplayFlagListTest.class.getResourceAsStream("/goreplay/flags-1.0-2.0.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                flags.add(new GoFlag(f[0], f[1].equals("bool"), f[2], f[3]));
            }
        }
        return flags;
    }

    @Test
    void theListIsGoReplaysWhole() throws IOException {
        List<GoFlag> flags = goReplayFlags();
        assertThat(flags).hasSize(123);
        assertThat(flags).extracting(GoFlag::name).contains("input-raw", "output-http", "cpuprofile", "debug",
                "input-http", "output-tcp-response-buffer", "input-raw-vxlan-port").doesNotHaveDuplicates();
    }

    @Test
    void everyGoReplayFlagIsKnownAndWorksOrIsRefusedByName() throws IOException {
        List<String> problems = new ArrayList<>();
        for (GoFlag go : goReplayFlags()) {
            Optional<Flag> flag = Flag.named(go.name());
            if (flag.isEmpty()) {
                String error = outcome(List.of("--" + go.name(), "x"));
                problems.add(go.name() + ": " + error);
                continue;
            }
            if (go.bool() && flag.get().kind() != Flag.Kind.BOOL && flag.get().kind() != Flag.Kind.OPTIONAL) {
                problems.add(go.name() + ": a boolean in GoReplay, " + flag.get().kind() + " here");
            }
            if (!go.bool() && flag.get().kind() == Flag.Kind.BOOL) {
                problems.add(go.name() + ": takes a value in GoReplay, a boolean here");
            }
            List<String> args = new ArrayList<>(List.of("--input-file", "r.gor", "--output-null", "--" + go.name()));
            if (flag.get().kind() != Flag.Kind.BOOL) {
                args.add(VALUE_BY_LABEL.getOrDefault(flag.get().valueLabel(), "word"));
            }
            String result = outcome(args);
            boolean works = result.equals("run");
            boolean refusedByName = result.contains("--" + go.name()) && !result.startsWith("unknown flag")
                    && !result.startsWith("invalid value");
            if (!works && !refusedByName) {
                problems.add(go.name() + ": " + result);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The 1.0 names refused for good say what to use instead, in one line. */
    @Test
    void goReplay10NamesSayWhatToUseInstead() {
        assertThat(outcome(List.of("--input-file", "r.gor", "--output-null", "--debug")))
                .isEqualTo("--debug is not taken: GoReplay 1.0's switch for tracing every message; use --verbose 2"
                        + " (one line per message on stderr)");
        assertThat(outcome(List.of("--input-file", "r.gor", "--output-null", "--verbose", "--debug", "true")))
                .startsWith("--debug is not taken: ").contains("--verbose 2");
        assertThat(outcome(List.of("--input-http", ":9000", "--output-null")))
                .isEqualTo("--input-http is not taken: listed by GoReplay 1.0 but never built there; capture the"
                        + " application's port with --input-raw :PORT");
        // GoReplay's name for --output-binary's reply limit: taken as that
        assertThat(outcome(List.of("--input-raw", ":80", "--output-binary", ":6379", "--output-tcp-response-buffer", "1mb")))
                .isEqualTo("run");
    }

    private static String outcome(List<String> args) {
        return switch (CommandLine.parse(args.toArray(String[]::new))) {
            case ParseResult.Run r -> "run";
            case ParseResult.Failure f -> f.oneLine();
            case ParseResult.Help h -> "help";
            case ParseResult.Version v -> "version";
        };
    }
}
