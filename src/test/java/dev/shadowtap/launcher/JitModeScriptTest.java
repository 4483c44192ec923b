package dev.shadowtap.launcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/jit-mode, as the launcher sources it: a small bounded file job starts with C1 only, a bigger
 * bounded one through a middleware that replays nothing gets C2 later for per-record methods, everything
 * else (live inputs, a looping file, big files, the demo, a name that matches nothing) keeps the
 * tiered JIT, and a JIT option of the user's decides instead.
 */
class JitModeScriptTest {
    private static final String C1 = "-XX:TieredStopAtLevel=1";
    private static final String LATE_C2 = "-XX:Tier4InvocationThreshold=100000 -XX:Tier4MinInvocationThreshold=50000"
            + " -XX:Tier4CompileThreshold=120000";
    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        sized("small.gor", 30 * MB);
        sized("big.gor", 70 * MB);
        sized("part_0.gor", 40 * MB);
        sized("part_1.gor", 40 * MB);
        sized("small.gor.gz", 5 * MB);
        sized("huge.gor.gz", 8 * MB);
        sized("with space.gor", MB);
        sized("giant.gor", 1100 * MB);
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            "--input-file SMALL|100000% --output-http http://127.0.0.1:8080;" + C1,
            "-input-file=SMALL --output-stdout;" + C1,
            "--input-file=DIR/small.gor|200% --input-file-read-depth 10 --input-file-loop=false;" + C1,
            "--input-file DIR/small.gor.gz --output-null;" + C1,
            "--input-file DIR/with*.gor --output-null;" + C1,
            "--input-file BIG --output-http http://127.0.0.1:8080;-",
            "--input-file BIG --output-binary 127.0.0.1:6379;-",
            "--input-file BIG --middleware cat --output-null;" + LATE_C2,
            "--input-file DIR/giant.gor --middleware=cat --output-file x.gor;" + LATE_C2,
            "--input-file SMALL --middleware cat --output-null;" + C1,
            "--input-file BIG --middleware cat --output-http http://127.0.0.1:8080;-",
            "--input-file BIG --middleware cat --output-binary 127.0.0.1:6379;-",
            "--input-file BIG --middleware cat --output-null --compare-report out;-",
            "--input-file BIG --input-file-loop --middleware cat --output-null;-",
            "--input-raw :80 --middleware cat --output-file x.gor;-",
            "--input-file BIG --output-null --compare-report out;-",
            "--input-file DIR/part_*.gor --output-http=http://127.0.0.1:8080;-",
            "--input-file DIR/huge.gor.gz --output-http http://127.0.0.1:8080;-",
            "--input-file BIG --output-null;" + C1,
            "--input-file DIR/part_*.gor --output-tcp 127.0.0.1:28020;" + C1,
            "--input-file DIR/part_0.gor --input-file DIR/small.gor;" + C1,
            "--input-file DIR/huge.gor.gz --output-file copy.gor;" + C1,
            "--input-file DIR/giant.gor --output-null;-",
            "--input-file SMALL --input-file-loop --output-null;-",
            "--input-file SMALL -input-file-loop=true;-",
            "--input-file SMALL --input-raw :80;-",
            "--input-raw :80 --output-file x.gor;-",
            "--input-kafka-host localhost:9092 --output-null;-",
            "--input-file DIR/missing.gor --output-null;-",
            "--input-file;-",
            "--output-null;-",
            "demo;-",
            "--version;-"})
    void choosesTheJitFromTheCommandLine(String args, String expected) throws Exception {
        assertThat(jitFor("", args)).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest
    @CsvSource({"-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-Xmx256m -XX:TieredStopAtLevel=1"})
    void aJitOptionOfTheUsersDecides(String userOptions) throws Exception {
        assertThat(jitFor(userOptions, "--input-file SMALL --output-null")).isEmpty();
        assertThat(jitFor(userOptions, "--input-file BIG --middleware cat --output-null")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {"20,-", "100," + C1})
    void theLimitIsSetByShadowtapC1MaxMb(String limitMb, String expected) throws Exception {
        String jit = run(List.of("SHADOWTAP_C1_MAX_MB=" + limitMb), "--input-file DIR/small.gor --output-http http://127.0.0.1:8080");
        assertThat(jit).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {"50,-", "2000," + C1})
    void theLimitOfACopyIsSetByShadowtapC1CopyMaxMb(String limitMb, String expected) throws Exception {
        String jit = run(List.of("SHADOWTAP_C1_COPY_MAX_MB=" + limitMb), "--input-file " + (limitMb.equals("50")
                ? "BIG" : "DIR/giant.gor") + " --output-tcp 127.0.0.1:28020");
        assertThat(jit).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "--input-file SMALL|100000% --output-http http://127.0.0.1:8080;files",
            "--input-file SMALL --middleware cat --output-null;files",
            "--input-file BIG --output-file copy.gor;files",
            "--input-file SMALL --output-http http://127.0.0.1:8080 --compare-report out;full",
            "--input-file SMALL --output-null --dashboard 127.0.0.1:9000;full",
            "--input-file SMALL --output-null --http-pprof 127.0.0.1:8181;full",
            "--input-file SMALL --output-tcp 127.0.0.1:28020;full",
            "--input-file SMALL --output-kafka-host localhost:9092 --output-kafka-topic t;full",
            "--input-file BIG --output-http http://127.0.0.1:8080;files",
            "--input-file DIR/giant.gor --output-null;files",
            "--input-file SMALL --input-file-loop --output-null;full",
            "--input-raw :80 --output-file x.gor;full",
            "demo;full",
            "--version;full"})
    void aFileRunOfTheFileJobsMapsTheFilesCache(String args, String kind) throws Exception {
        assertThat(run(List.of(), args, "$aot_kind")).isEqualTo(kind);
    }

    @Test
    void aJitOptionOfTheUsersLeavesTheCacheToTheScript() throws Exception {
        assertThat(run(List.of("SHADOWTAP_JAVA_OPTS=-XX:TieredStopAtLevel=4"), "--input-file SMALL --output-null", "$aot_kind"))
                .isEqualTo("files");
    }

    @Test
    void otherOptionsOfTheUserLeaveTheChoiceToTheScript() throws Exception {
        assertThat(jitFor("-Xmx256m -XX:+UseG1GC", "--input-file SMALL --output-null")).isEqualTo(C1);
    }

    private String jitFor(String userOptions, String args) throws Exception {
        return run(List.of("SHADOWTAP_JAVA_OPTS=" + userOptions), args);
    }

    /** Sources the script under the launcher's shell options and prints the chosen options. */
    private String run(List<String> env, String args) throws Exception {
        return run(env, args, "${jit[*]-}");
    }

    /** Sources the script under the launcher's shell options and prints {@code printed} (a shell word). */
    private String run(List<String> env, String args, String printed) throws Exception {
        String resolved = args.replace("SMALL", dir.resolve("small.gor").toString())
                .replace("BIG", dir.resolve("big.gor").toString()).replace("DIR", dir.toString());
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "set -euo pipefail; . \"$0\"; shadowtap_jit_mode \"$@\"; echo \"" + printed + "\"",
                Path.of("bin/jit-mode").toAbsolutePath().toString()));
        command.addAll(List.of(resolved.split(" "))); // a pattern may match a name with a space (with*.gor)
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("SHADOWTAP_JAVA_OPTS");
        pb.environment().remove("SHADOWTAP_C1_MAX_MB");
        pb.environment().remove("SHADOWTAP_C1_COPY_MAX_MB");
        for (String e : env) {
            int eq = e.indexOf('=');
            pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private void sized(String name, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(name).toFile(), "rw")) {
            f.setLength(bytes); // sparse: the size is what counts, no disk is used
        }
    }
}
