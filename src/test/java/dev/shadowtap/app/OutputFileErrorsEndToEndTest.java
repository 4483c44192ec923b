package dev.shadowtap.app;

import dev.shadowtap.io.file.TinyDisk;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An output file that cannot be written, through the real command line: a disk that fills during the
 * run (a 64 KB tmpfs), a path where no file can be made. What the summary counts matches the files,
 * the error is one line, and the exit status says the run lost records.
 */
class OutputFileErrorsEndToEndTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"f.gor", "f.gor.gz"})
    void aDiskThatFillsCountsWhatIsNotInTheFilesSaysItOnceAndExitsOne(String name) throws Exception {
        List<Message> records = Gor.records(2000, 0, 51);
        Path in = Gor.write(dir.resolve("in.gor"), records);
        try (TinyDisk disk = TinyDisk.mount(dir.resolve("tiny"), "64k")) {
            Path out = disk.dir().resolve(name);

            Run run = Run.of("--input-file", in.toString(), "--output-file", out.toString(), "--stats");

            List<Path> files = disk.files();
            List<Message> back = new ArrayList<>();
            for (Path file : files) {
                back.addAll(Gor.read(file));
            }
            int lost = records.size() - back.size();
            assertThat(back).isNotEmpty().containsExactlyElementsOf(records.subList(0, back.size()));
            // One file: not one per record that failed, and no empty one.
            assertThat(files).hasSize(1);
            assertThat(Files.size(files.getFirst())).isPositive();
            assertThat(run.err()).contains("summary output-file " + out + ": 2000 msgs ")
                    .contains("dropped " + lost + " (write-error " + lost + ")")
                    .doesNotContain("Exception");
            List<String> lines = run.err().lines().toList();
            assertThat(lines).filteredOn(line -> line.contains("No space left on device")).hasSize(2);
            assertThat(lines).filteredOn(line -> line.startsWith("shadowtap: cannot ")).singleElement().asString()
                    .contains(disk.dir().toString()).contains("No space left on device");
            assertThat(lines).filteredOn(line -> line.contains("records could not be written")).singleElement()
                    .asString().contains("output-file " + out + ": " + lost + " of 2000 records");
            assertThat(run.status()).isEqualTo(1);
        }
    }

    @Test
    void anOutputFileWhereNoFileCanBeMadeIsOneLineAndStatusOneBeforeAnythingIsRead() throws Exception {
        // Root may write to /proc by its permission bits, yet no file can be made there.
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc here");
        Path in = Gor.write(dir.resolve("in.gor"), Gor.records(20, 0, 52));

        Run run = Run.of("--input-file", in.toString(), "--output-file", "/proc/nope.gor", "--stats");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .isEqualTo("shadowtap: --output-file /proc/nope.gor: cannot create a file in /proc"
                        + " (no such file or directory)");
        assertThat(Path.of("/proc/nope.gor")).doesNotExist();
    }

    @Test
    void aReadOnlyDiskIsRefusedAtStartToo() throws Exception {
        Path in = Gor.write(dir.resolve("in.gor"), Gor.records(20, 0, 53));
        try (TinyDisk disk = TinyDisk.mount(dir.resolve("ro"), "64k")) {
            disk.remountReadOnly();

            Path out = disk.dir().resolve("f.gor");

            Run run = Run.of("--input-file", in.toString(), "--output-file", out.toString());

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err().lines().toList()).singleElement().asString()
                    .isEqualTo("shadowtap: --output-file " + out + ": cannot create a file in " + disk.dir()
                            + " (Read-only file system)");
            assertThat(disk.files()).isEmpty();
        }
    }

    @Test
    void theProbeOfAWritableDirectoryLeavesNothingBehind() throws Exception {
        Path in = Gor.write(dir.resolve("in.gor"), Gor.records(20, 0, 54));
        Path outDir = Files.createDirectories(dir.resolve("out"));

        Run run = Run.of("--input-file", in.toString(), "--output-file", outDir.resolve("f.gor").toString());

        assertThat(run.status()).isZero();
        try (var files = Files.list(outDir)) {
            assertThat(files).containsExactly(outDir.resolve("f_0.gor"));
        }
    }
}
