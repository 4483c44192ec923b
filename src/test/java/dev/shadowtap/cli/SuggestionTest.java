package dev.shadowtap.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** "did you mean" only for a likely typo, and never a flag of another family. */
class SuggestionTest {
    @Test
    void aRealGoReplayFlagNotBuiltHereIsNeverSentToAnotherFamily() {
        // GoReplay's --output-binary-* (branch binary15) are near --output-http-* only by edit distance
        for (String name : List.of("output-binary-workers", "output-binary-timeout", "output-binary-track-response",
                "output-binary-debug", "output-tcp-timeout", "output-ws-track-response", "input-kafka-tls-ca-cert")) {
            Optional<Flag> suggested = UnknownArgs.closest(name);
            assertThat(suggested.filter(f -> !UnknownArgs.family(f).equals(name.substring(0, name.indexOf('-', 7)))))
                    .as(name + " suggests " + suggested).isEmpty();
        }
        // not a flag before or after branch binary15 adds --output-binary-*: near --output-http-stats only by distance
        assertThat(UnknownArgs.closest("output-binary-stats")).isEmpty();
        assertThat(UnknownArgs.describe(List.of("--output-binary-stats", "4"), 0)).isEqualTo("unknown flag: --output-binary-stats");
    }

    @Test
    void typosAreStillCaught() {
        assertThat(UnknownArgs.closest("output-http-workerz")).contains(Flag.OUTPUT_HTTP_WORKERS);
        assertThat(UnknownArgs.closest("output-htp-workers")).contains(Flag.OUTPUT_HTTP_WORKERS);
        assertThat(UnknownArgs.closest("inputfile")).contains(Flag.INPUT_FILE);
        assertThat(UnknownArgs.closest("stat")).contains(Flag.STATS);
        assertThat(UnknownArgs.closest("input")).contains(Flag.INPUT_RAW);
        assertThat(UnknownArgs.closest("output-file-size")).contains(Flag.OUTPUT_FILE_SIZE_LIMIT);
        assertThat(UnknownArgs.closest("zzzzzz")).isEmpty();
        assertThat(UnknownArgs.closest("verb")).as("4 letters, 3 off: no guess").isEmpty();
    }

    /** Every flag with one letter dropped or two swapped leads back to it, or to a flag just as near. */
    @Test
    void everyOneLetterTypoOfAFlagSuggestsItOrOneJustAsNear() {
        List<String> problems = new ArrayList<>();
        for (Flag flag : Flag.values()) {
            String name = flag.flagName();
            for (int i = 0; i < name.length(); i++) {
                List<String> typos = new ArrayList<>(List.of(name.substring(0, i) + name.substring(i + 1)));
                if (i + 1 < name.length()) {
                    typos.add(name.substring(0, i) + name.charAt(i + 1) + name.charAt(i) + name.substring(i + 2));
                }
                for (String typo : typos) {
                    if (typo.equals(name) || Flag.named(typo).isPresent() || typo.isEmpty()) {
                        continue;
                    }
                    Optional<Flag> suggested = UnknownArgs.closest(typo);
                    // the flag itself, or one just as near (input-ttp: --input-tcp as well as --input-http)
                    boolean ok = suggested.isPresent() && (suggested.get() == flag
                            || EditDistance.between(typo, suggested.get().flagName()) <= EditDistance.between(typo, name));
                    if (!ok && typo.length() >= 4) {
                        problems.add(typo + " -> " + suggested.map(Flag::display).orElse("nothing") + " (from " + flag.display() + ")");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
