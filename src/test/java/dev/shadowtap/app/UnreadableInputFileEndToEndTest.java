package dev.shadowtap.app;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real shadowtap process meets an --input-file it may not read (mode 000). As root, which reads such a
 * file anyway, the process runs without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setpriv drops them), so
 * the kernel refuses the open as it would for any other user.
 */
class UnreadableInputFileEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void theUserIsToldWhyTheFileWasSkippedInOneLine() throws Exception {
        Path good = Gor.write(dir.resolve("a_new.gor"), Gor.records(4, 0, 21));
        Path locked = closed(Gor.write(dir.resolve("c_old.gor"), Gor.records(4, 0, 22)));

        Result run = run("--input-file", dir + "/*.gor", "--output-null", "--stats");

        assertThat(run.status).as(run.err).isEqualTo(1);
        assertThat(run.err).contains(locked + ": cannot read (permission denied); file skipped\n")
                .doesNotContain(locked + ": no readable record").doesNotContain("Exception");
        assertThat(run.err.lines().filter(l -> l.contains(locked.toString()))).hasSize(1);
        assertThat(CliProcess.inputFileMessages(run.err)).as("the readable file is still replayed").isEqualTo(4);
        assertThat(good).exists();
    }

    @Test
    void aDryRunSaysTheFileCouldNotBeReadNotThatARecordWasBad() throws Exception {
        Path locked = closed(Gor.write(dir.resolve("c_old.gor"), Gor.records(4, 0, 23)));

        Result run = run("--input-file", locked.toString(), "--input-file-dry-run");

        assertThat(run.status).as(run.err).isEqualTo(1);
        assertThat(run.out).contains(locked + ": 1 file, 0 records").contains(", 1 file could not be read\n")
                .contains("could not read 1 file: " + locked + " (permission denied)")
                .doesNotContain("bad record").doesNotContain("no readable record in");
        assertThat(run.err.strip()).isEqualTo("shadowtap: " + locked + ": cannot read (permission denied); file skipped");
    }

    private record Result(int status, String out, String err) {
    }

    private static Path closed(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        return file;
    }

    /** shadowtap in a child process that file permissions apply to (setpriv drops root's overrides). */
    private Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (Files.isReadable(dir.resolve("c_old.gor"))) { // root: permissions do not apply to this process
            Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
            command.addAll(List.of("/usr/bin/setpriv", "--inh-caps=-dac_override,-dac_read_search",
                    "--bounding-set=-dac_override,-dac_read_search", "--"));
        }
        command.addAll(CliProcess.of(args).command());
        Path errFile = dir.resolve("stderr.txt");
        Process child = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
        child.getOutputStream().close();
        String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(errFile);
        Assumptions.assumeFalse(stderr.contains("setpriv:"), "setpriv could not drop the capabilities: " + stderr);
        return new Result(child.exitValue(), stdout, stderr);
    }
}
