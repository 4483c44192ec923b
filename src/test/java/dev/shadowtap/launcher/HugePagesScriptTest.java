package dev.shadowtap.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/huge-pages asks for transparent huge pages only where the kernel gives them on request. */
class HugePagesScriptTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "always [madvise] never|-XX:+UseTransparentHugePages",
            "[always] madvise never|",
            "always madvise [never]|"})
    void followsTheKernelsMode(String mode, String expected, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("enabled");
        Files.writeString(file, mode + "\n", StandardCharsets.US_ASCII);
        assertThat(pages(file.toString(), "1")).isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void offWhenAskedOrWhenTheKernelSaysNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("enabled");
        Files.writeString(file, "always [madvise] never\n", StandardCharsets.US_ASCII);
        assertThat(pages(file.toString(), "0")).isEmpty();
        assertThat(pages(dir.resolve("missing").toString(), "1")).isEmpty();
    }

    /** The options the function chose, space-separated. */
    private static String pages(String modeFile, String setting) throws Exception {
        Path script = Path.of("bin/huge-pages").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; . \"$0\"; shadowtap_huge_pages \"$1\"; echo \"${pages[*]:-}\"", script.toString(), modeFile)
                .redirectErrorStream(true);
        pb.environment().put("SHADOWTAP_HUGE_PAGES", setting);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }
}
