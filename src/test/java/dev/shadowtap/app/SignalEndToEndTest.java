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
        // 400 records 50 ms apart: twenty seconds of traffic, interrupted about two seconds after the
        // replay started (--verbose says when the input is open; a loaded machine may start slowly).
        List<Message> records = Gor.records(400, 50, 11);
        Path in = Gor.write(dir.resolve("slow.gor"), records);
        Path out = dir.resolve("out.gor");
        Path err = dir.resolve("err.txt");
        Process process = CliProcess.of("--input-file", in.toString(), "--output-file", out.toString(), "--output-file-append",
                // Only the shutdown may flush: a long interval proves nothing was written before it.
                "--output-file-flush-interval", "1h", "--stats", "--verbose")
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(err).contains("input-file " + in) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(2000);
        assertThat(process.isAlive()).as("still replaying when signalled").isTrue();

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();

        String stderr = Files.readString(err);
        int readCount = CliProcess.inputFileMessages(stderr);
        List<Message> written = Gor.read(out);
        assertThat(readCount).isBetween(10, 390);
        assertThat(written).hasSize(readCount);
        assertThat(written).containsExactlyElementsOf(records.subList(0, readCount));
    }

    @Test
    void sigtermStopsAnEndlessInputPromptly() throws IOException, InterruptedException {
        Process process = CliProcess.of("--input-dummy", "0", "--output-null").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(1500);
        long start = System.nanoTime();
        process.destroy();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
    }

    @Test
    void sigintStopsARunThatStartedWithSigintIgnoredAsABackgroundJobDoes() throws IOException, InterruptedException {
        String java = CliProcess.java();
        // `trap "" INT` leaves SIGINT ignored across exec, as a shell does for `shadowtap ... &`
        Process process = new ProcessBuilder("bash", "-c", "trap '' INT; exec \"$0\" -cp \"$1\" " + Main.class.getName()
                + " --input-dummy 0 --output-null", java, System.getProperty("java.class.path"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // a SIGINT that comes before the program restored the default disposition is still ignored (a
        // loaded machine may take seconds to start a JVM): send it again until it stops, up to 15 s
        boolean stopped = false;
        for (int i = 0; i < 15 && !stopped; i++) {
            Thread.sleep(1000);
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
            stopped = process.waitFor(1, TimeUnit.SECONDS);
        }
        assertThat(stopped).as("stopped by SIGINT").isTrue();
        assertThat(process.exitValue()).isEqualTo(130);
    }
}
