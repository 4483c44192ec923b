package dev.shadowtap.app;

import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code shadowtap --input-file ... --output-stdout | head}: a real process whose stdout pipe is closed
 * by its reader stops as GoReplay does when SIGPIPE ends it (status 141) instead of replaying on into the
 * void, says so in one line, and still flushes its other outputs with every record it read.
 */
class StdoutReaderGoneEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aClosedStdoutPipeStopsTheRunPromptlyAndTheOtherOutputsAreFlushed() throws Exception {
        // twenty seconds of traffic (400 records 50 ms apart), of which the reader takes the first bytes only
        List<Message> records = Gor.records(400, 50, 5);
        Path copy = dir.resolve("copy.gor");
        Path err = dir.resolve("err.txt");
        Process process = CliProcess.of("--input-file", Gor.write(dir.resolve("slow.gor"), records).toString(),
                "--output-stdout", "--output-file", copy.toString(), "--output-file-append", "--stats")
                .redirectError(err.toFile()).start();

        InputStream stdout = process.getInputStream();
        byte[] head = stdout.readNBytes(200); // what `head -c 200` takes, about two records in
        assertThat(new String(head, StandardCharsets.ISO_8859_1)).startsWith("1 ");
        long closedAt = System.nanoTime();
        stdout.close(); // the reader goes: the next write to the pipe fails with EPIPE

        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("stops once its reader has gone").isTrue();
        long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt);
        String stderr = Files.readString(err);
        assertThat(process.exitValue()).as(stderr).isEqualTo(141);
        assertThat(stopMs).as("well before the recording's 20 s end").isLessThan(10_000);
        assertThat(stderr).contains("output-stdout: stdout can no longer be written");
        // the records still buffered when the flush met the closed pipe are counted, not shown as written
        assertThat(stderr).containsPattern("summary output-stdout: \\d+ msgs .* dropped [1-9]\\d* \\(output-gone");
        assertThat(stderr).doesNotContain("Exception").doesNotContain("\tat ");

        int readCount = CliProcess.inputFileMessages(stderr);
        assertThat(readCount).isBetween(2, 399);
        assertThat(Gor.read(copy)).containsExactlyElementsOf(records.subList(0, readCount));
    }
}
