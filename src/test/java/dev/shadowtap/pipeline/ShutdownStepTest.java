package dev.shadowtap.pipeline;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The code and docs/ARCHITECTURE.md name the same shutdown steps, in the same order. */
class ShutdownStepTest {
    @Test
    void theArchitectureListsTheStepsOfTheCodeInItsOrder() throws Exception {
        String doc = Files.readString(Path.of("docs/ARCHITECTURE.md"));
        int start = doc.indexOf("### Shutdown");
        assertThat(start).isNotNegative();
        int end = doc.indexOf("\n#", start + 1);
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        Matcher item = Pattern.compile("(?m)^\\d+\\. `([A-Z_]+)`").matcher(section);
        List<String> listed = item.results().map(m -> m.group(1)).toList();

        assertThat(listed).containsExactlyElementsOf(Arrays.stream(ShutdownStep.values()).map(Enum::name).toList());
    }
}
