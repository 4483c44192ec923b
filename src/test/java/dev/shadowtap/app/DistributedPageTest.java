package dev.shadowtap.app;

import dev.shadowtap.cli.CommandLine;
import dev.shadowtap.cli.ParseResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/DISTRIBUTED.md: every shadowtap command on the page is one the command line takes as printed. */
class DistributedPageTest {
    @Test
    void everyCommandOnThePageParsesWithEveryFlagSupported() throws IOException {
        List<String> commands = commands(Path.of("docs/DISTRIBUTED.md"));
        assertThat(commands).hasSizeGreaterThanOrEqualTo(12);
        for (String command : commands) {
            List<String> words = shellWords(command);
            assertThat(words.getFirst()).isEqualTo("./shadowtap");
            ParseResult result = CommandLine.parse(words.subList(1, words.size()).toArray(String[]::new));
            assertThat(result).as(command).isInstanceOf(ParseResult.Run.class);
        }
    }

    @Test
    void thePageMirrorsGoReplaysDeploymentsAndRateLimits() throws IOException {
        String page = Files.readString(Path.of("docs/DISTRIBUTED.md"));
        assertThat(page).contains("--input-tcp :28020", "--split-output --output-tcp", "--input-file-loop --exit-after 30s",
                "'http://localhost:8080|10'", "'localhost:28020|10%'", "--http-header-limiter", "--http-param-limiter",
                "--input-tcp-client-ca", "--output-tcp-certificate");
    }

    /** The {@code ./shadowtap} lines of the page's bash blocks, without a leading {@code sudo}. */
    static List<String> commands(Path page) throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
            } else if (inBlock) {
                String command = line.strip().replaceFirst("^sudo ", "");
                if (command.startsWith("./shadowtap ")) {
                    commands.add(command);
                }
            }
        }
        return commands;
    }

    /** Splits as a POSIX shell does for plain words and single or double quotes (no expansions). */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                assertThat("|;&<>$`").as("unquoted shell operator in: " + line).doesNotContain(String.valueOf(c));
                word.append(c);
                inWord = true;
            }
        }
        assertThat((int) quote).as("unclosed quote in: " + line).isZero();
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
