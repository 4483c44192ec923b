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

/** docs/EXAMPLES.md, "Consumer groups": its commands are ones the command line takes as printed. */
class KafkaGroupsPageTest {
    @Test
    void theConsumerGroupCommandsParseWithTheGroupAndTheSectionNamesItsBounds() throws IOException {
        String page = Files.readString(Path.of("docs/EXAMPLES.md"));
        int start = page.indexOf("### Consumer groups");
        assertThat(start).isPositive();
        String section = page.substring(start, page.indexOf("\n## ", start));
        List<String> commands = commands(section);
        assertThat(commands).hasSize(2);
        for (String command : commands) {
            List<String> words = DistributedPageTest.shellWords(command);
            ParseResult result = CommandLine.parse(words.subList(1, words.size()).toArray(String[]::new));
            assertThat(result).as(command).isInstanceOf(ParseResult.Run.class);
        }
        ParseResult.Run replay = (ParseResult.Run) CommandLine.parse(DistributedPageTest.shellWords(commands.get(1))
                .stream().skip(1).toArray(String[]::new));
        assertThat(replay.options().kafka().group()).hasValueSatisfying(g -> assertThat(g.name()).isEqualTo("staging"));
        assertThat(section).contains("bin/kafka-local topic shop 4", "--input-kafka-max-uncommitted",
                "--input-kafka-commit-interval", "--input-kafka-session-timeout", "partition-moved");
    }

    /** The {@code ./shadowtap} commands of the section's code blocks, continuation lines joined, without {@code sudo}. */
    private static List<String> commands(String section) {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder pending = new StringBuilder();
        for (String line : section.split("\n")) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock) {
                continue;
            }
            String text = line.strip();
            if (text.endsWith("\\")) {
                pending.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            String command = (pending + text).replaceFirst("^sudo ", "");
            pending.setLength(0);
            if (command.startsWith("./shadowtap ")) {
                commands.add(command);
            }
        }
        return commands;
    }
}
