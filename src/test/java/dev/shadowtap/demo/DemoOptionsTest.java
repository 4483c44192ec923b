package dev.shadowtap.demo;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoOptionsTest {
    @Test
    void defaultsAndEverySpelling() {
        assertThat(DemoOptions.parse(List.of())).isEqualTo(new DemoOptions(Optional.empty(), 500, true, false));
        assertThat(DemoOptions.parse(List.of("--dir", "/tmp/x", "--requests", "20", "--no-capture")))
                .isEqualTo(new DemoOptions(Optional.of(Path.of("/tmp/x")), 20, false, false));
        assertThat(DemoOptions.parse(List.of("--dir=/tmp/y", "-requests=7", "--help")))
                .isEqualTo(new DemoOptions(Optional.of(Path.of("/tmp/y")), 7, true, true));
    }

    @Test
    void badArgumentsAreOneLine() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--requests", "0")))
                .hasMessage("--requests needs a number from 1 to 100000, not '0'");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--requests", "many")))
                .hasMessage("--requests needs a number from 1 to 100000, not 'many'");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--dir"))).hasMessage("--dir needs a value");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--dir", " "))).hasMessage("--dir ' ' is not a directory name");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--no-capture=1"))).hasMessage("--no-capture takes no value");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--input-raw", ":80")))
                .hasMessage("unknown argument '--input-raw' (options: --dir DIR, --requests N, --no-capture, --help)");
    }
}
