package dev.shadowtap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The house rule: files small and named for what they hold, none over 450 lines (main and test sources alike). */
class SourceFileSizeTest {
    private static final int MAX_LINES = 450;

    @Test
    void noJavaSourceIsOver450Lines() throws IOException {
        List<String> over;
        try (Stream<Path> files = Stream.of(Path.of("src/main/java"), Path.of("src/test/java")).flatMap(SourceFileSizeTest::walk)) {
            over = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f) > MAX_LINES)
                    .map(f -> f + ": " + lines(f) + " lines")
                    .toList();
        }
        assertThat(Files.isDirectory(Path.of("src/main/java/dev/shadowtap"))).as("run from the project's root").isTrue();
        assertThat(over).isEmpty();
    }

    private static Stream<Path> walk(Path root) {
        try {
            return Files.walk(root);
        } catch (IOException e) {
            throw new IllegalStateException(root + ": " + e.getMessage(), e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
