package dev.shadowtap.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/huge-pages asks for transparent huge pages only where the kernel gives them on request, and
 * never for a capture (it runs beside production).
 */
class HugePagesScriptTest {
    private static final String FILE_JOB = "--input-file x.gor --output-http http://127.0.0.1:1";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "always [madvise] never|-XX:+UseTransparentHugePages",
            "[always] madvise never|",
            "always madvise [never]|"})
    void followsTheKernelsMode(String mode, String expected, @TempDir Path dir) throws Exception {
        assertThat(pages(modeFile(dir, mode), "1", FILE_JOB)).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--input-raw :80 --output-file out.gor",
            "--input-raw-track-response --input-raw 127.0.0.1:8080 --output-null",
            "-input-raw :80 -output-stdout"})
    void aCaptureGetsNone(String command, @TempDir Path dir) throws Exception {
        assertThat(pages(modeFile(dir, "always [madvise] never"), "1", command)).isEmpty();
    }

    @Test
    void offWhenAskedOrWhenTheKernelSaysNothing(@TempDir Path dir) throws Exception {
        Path file = modeFile(dir, "always [madvise] never");
        assertThat(pages(file, "0", FILE_JOB)).isEmpty();
        assertThat(pages(dir.resolve("missing"), "1", FILE_JOB)).isEmpty();
    }

    private static Path modeFile(Path dir, String mode) throws Exception {
        Path file = dir.resolve("enabled");
        Files.writeString(file, mode + "\n", StandardCharsets.US_ASCII);
        return file;
    }

    /** The options the function chose for {@code command}, space-separated. */
    private static String pages(Path modeFile, String setting, String command) throws Exception {
        Path script = Path.of("bin/huge-pages").toAbsolutePath();
        List<String> argv = new ArrayList<>(List.of("bash", "-c",
                "set -euo pipefail; shadowtap_thp_mode_file=$1; shift; . \"$0\"; shadowtap_huge_pages \"$@\"; echo \"${pages[*]:-}\"",
                script.toString(), modeFile.toString()));
        argv.addAll(List.of(command.split(" ")));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("SHADOWTAP_HUGE_PAGES", setting);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }
}
