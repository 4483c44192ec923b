package dev.shadowtap.app;

import dev.shadowtap.Main;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to a real shadowtap process in the middle of a paced replay: the inputs stop, the queues
 * drain, the file is flushed, and every record that was read is in it.
 */
class SignalEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void sigtermFlushesEveryRecordThatWasRead() throws Exception {
        // 200 records 50 ms apart: ten seconds of traffic, interrupted after about four (the JVM and
        // picocli start first, which on a loaded machine can take well over a second).
        List<Message> records = Gor.records(200, 50, 11);
        Path in = Gor.write(dir.resolve("slow.gor"), records);
        Path out = dir.resolve("out.gor");
        Path err = dir.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--input-file", in.toString(), "--output-file", out.toString(), "--output-file-append",
                // Only the shutdown may flush: a long interval proves nothing was written before it.
                "--output-file-flush-interval", "1h", "--stats")
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(4000);
        assertThat(process.isAlive()).as("still replaying when signalled").isTrue();

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();

        String stderr = Files.readString(err);
        Matcher read = Pattern.compile("summary input-file \\S+: (\\d+) msgs").matcher(stderr);
        assertThat(read.find()).as(stderr).isTrue();
        long readCount = Long.parseLong(read.group(1));
        List<Message> written = Gor.read(out);
        assertThat(readCount).isBetween(10L, 190L);
        assertThat(written).hasSize((int) readCount);
        assertThat(written).containsExactlyElementsOf(records.subList(0, (int) readCount));
    }

    @Test
    void sigtermStopsAnEndlessInputPromptly() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--input-dummy", "0", "--output-null").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(1500);
        long start = System.nanoTime();
        process.destroy();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
    }
}
