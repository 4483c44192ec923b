package dev.shadowtap.app;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** GoReplay's {@code --cpuprofile} and {@code --memprofile}: JFR recordings of the run, in the files named. */
class ProfilesEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void cpuAndMemoryProfilesAreJfrRecordingsWrittenAtExit() throws IOException {
        Path in = Gor.write(dir.resolve("in.gor"), Gor.records(20_000, 0, 21));
        Path cpu = dir.resolve("cpu.jfr");
        Path mem = dir.resolve("mem.jfr");

        Run run = Run.of("--input-file", in + "|100000000%", "--input-file-loop", "--exit-after", "2s",
                "--output-file", dir.resolve("out.gor").toString(), "--cpuprofile", cpu.toString(),
                "-memprofile=" + mem);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("--cpuprofile: JFR recording written to " + cpu)
                .contains("--memprofile: JFR recording written to " + mem);
        assertThat(eventNames(cpu)).contains("jdk.ExecutionSample");
        assertThat(eventNames(mem)).contains("jdk.ObjectAllocationSample", "jdk.ObjectCount", "jdk.GCHeapSummary");
    }

    @Test
    void aProfileThatCannotBeWrittenIsOneLineBeforeAnythingRuns() throws IOException {
        Path in = Gor.write(dir.resolve("in.gor"), Gor.records(10, 0, 22));
        Path out = dir.resolve("out.gor");
        Run run = Run.of("--input-file", in.toString(), "--output-file", out.toString(), "--output-file-append",
                "--cpuprofile", dir.resolve("no/such/dir/cpu.jfr").toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("shadowtap: --cpuprofile " + dir.resolve("no/such/dir/cpu.jfr")
                + ": no such directory " + dir.resolve("no/such/dir"));
        assertThat(out).doesNotExist();
    }

    @Test
    void aRunStoppedBySigtermStillWritesItsProfileAndSaysSo() throws Exception {
        Path cpu = dir.resolve("cpu.jfr");
        Path err = dir.resolve("err.txt");
        Process process = CliProcess.of("--input-dummy", "0", "--output-stdout", "--cpuprofile", cpu.toString())
                .redirectError(err.toFile()).start();
        // the signal goes once the run is under way (its first record out), not at a guessed time: on a
        // loaded machine a signal before the JVM's handlers are in place ends it without a profile
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the dummy input's first record").startsWith("1 ");
            process.destroy(); // SIGTERM
            Thread.ofVirtual().start(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter()); // what the run writes until it stops
                } catch (IOException e) {
                    // the run ended
                }
            });
            boolean stopped = process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(stopped).isTrue();
        }
        assertThat(Files.readString(err)).contains("--cpuprofile: JFR recording written to " + cpu);
        assertThat(eventNames(cpu)).isNotEmpty();
    }

    private static Set<String> eventNames(Path recording) throws IOException {
        Set<String> names = new HashSet<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                names.add(event.getEventType().getName());
            }
        }
        return names;
    }
}
