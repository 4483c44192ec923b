package dev.shadowtap.launcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/aot-cache, as the launcher sources it: a run maps the cache of its kind (the files cache for a
 * short file run, the full one otherwise) when that cache is of this build and JDK, and a training
 * that failed for this build and JDK is not tried again at every launch. The JDK here is a directory
 * with only a release file: any real training would fail, so these cases show none is started.
 */
class AotCacheScriptTest {
    private static final String STAMP_VERSION = "25.0.9+1-test";

    @TempDir
    Path dir;
    private Path jdk;
    private Path jar;

    @BeforeEach
    void buildAndJdk() throws Exception {
        jdk = Files.createDirectories(dir.resolve("jdk"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25\"\nJAVA_RUNTIME_VERSION=" + STAMP_VERSION + "\n");
        jar = Files.createDirectories(dir.resolve("target")).resolve("shadowtap.jar");
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    }

    @Test
    void aShortFileRunMapsTheFilesCacheAndAnyOtherRunTheFullOne() throws Exception {
        trained("shadowtap.aot");
        trained("shadowtap-files.aot");

        assertThat(aotFor("files")).isEqualTo("-XX:AOTCache=" + dir.resolve("target/shadowtap-files.aot") + " -Xlog:aot*=off:stderr");
        assertThat(aotFor("full")).isEqualTo("-XX:AOTCache=" + dir.resolve("target/shadowtap.aot") + " -Xlog:aot*=off:stderr");
    }

    @Test
    void aCacheOfAnotherJdkIsNotMapped() throws Exception {
        trained("shadowtap.aot");
        trained("shadowtap-files.aot");
        Files.writeString(dir.resolve("target/shadowtap-files.aot.jdk"), "/elsewhere 21.0.1\n");
        failed("shadowtap-files.aot"); // its training failed for this build: not started again here

        assertThat(aotFor("files")).isEmpty();
        assertThat(aotFor("full")).startsWith("-XX:AOTCache=" + dir.resolve("target/shadowtap.aot"));
    }

    @Test
    void nothingIsMappedWhenTurnedOff() throws Exception {
        trained("shadowtap.aot");
        trained("shadowtap-files.aot");

        assertThat(run("SHADOWTAP_AOT=0 shadowtap_aot_cache \"$1\" files")).isEmpty();
    }

    private void trained(String cache) throws Exception {
        Files.writeString(dir.resolve("target/" + cache), "cache");
        Files.writeString(dir.resolve("target/" + cache + ".jdk"), jdk + " " + STAMP_VERSION + "\n");
    }

    private void failed(String cache) throws Exception {
        Files.writeString(dir.resolve("target/" + cache + ".failed"), jdk + " " + STAMP_VERSION + "\n");
    }

    private String aotFor(String kind) throws Exception {
        return run("shadowtap_aot_cache \"$1\" " + kind);
    }

    /** Sources the script under the launcher's shell options, runs {@code call}, prints {@code aot}. */
    private String run(String call) throws Exception {
        Path script = Path.of("bin/aot-cache").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-c",
                "set -euo pipefail; . \"$0\"; " + call + "; echo \"${aot[*]-}\"", script.toString(), jar.toString()))
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", jdk.toString());
        pb.environment().remove("SHADOWTAP_AOT");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
