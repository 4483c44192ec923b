package dev.shadowtap.launcher;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/find-jdk reads a JDK's major version from its release file, with bash builtins, as the launcher does. */
class FindJdkScriptTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "JAVA_VERSION=\"25.0.3\"|25",
            "JAVA_VERSION=\"26\"|26",
            "JAVA_VERSION=\"17.0.12\"|17",
            "JAVA_VERSION=\"1.8.0_392\"|8",
            "IMPLEMENTOR=\"x\";JAVA_VERSION=\"21.0.5\";JAVA_RUNTIME_VERSION=\"21.0.5+11\"|21"})
    void readsTheMajorVersionFromTheReleaseFile(String release, String major, @TempDir Path jdk) throws Exception {
        Files.writeString(jdk.resolve("release"), release.replace(";", "\n") + "\n", StandardCharsets.UTF_8);
        Path script = Path.of("bin/find-jdk").toAbsolutePath();
        Process p = new ProcessBuilder("bash", "-c", ". \"$0\"; shadowtap_java_major \"$1\"", script.toString(), jdk.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo(major);
    }
}
