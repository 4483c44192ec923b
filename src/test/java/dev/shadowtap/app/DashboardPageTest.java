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

/** docs/DASHBOARD.md: every run command on the page is one the command line takes as printed, with --dashboard. */
class DashboardPageTest {
    @Test
    void everyRunCommandOnThePageParsesWithTheDashboardOn() throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("docs/DASHBOARD.md"))) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock) {
                continue;
            }
            pending.append(line.strip());
            if (line.endsWith("\\")) {
                pending.setLength(pending.length() - 1);
                continue;
            }
            String command = pending.toString();
            pending.setLength(0);
            if (command.startsWith("./shadowtap ") && !command.startsWith("./shadowtap demo")) {
                commands.add(command);
            }
        }
        assertThat(commands).hasSizeGreaterThanOrEqualTo(2);
        for (String command : commands) {
            List<String> words = DistributedPageTest.shellWords(command);
            ParseResult result = CommandLine.parse(words.subList(1, words.size()).toArray(String[]::new));
            assertThat(result).as(command).isInstanceOf(ParseResult.Run.class);
            assertThat(((ParseResult.Run) result).options().observe().dashboard()).as(command).isPresent();
        }
    }
}
