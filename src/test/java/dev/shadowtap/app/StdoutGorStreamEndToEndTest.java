package dev.shadowtap.app;

import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code shadowtap ... --output-stdout > x.gor} makes a .gor file, as GoReplay 1.3+'s stdout does (header,
 * payload, separator): read back by the reader and by {@code --input-file}, it holds the same records.
 */
class StdoutGorStreamEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void stdoutRedirectedToAFileIsAGorFileThatReadsBackAsTheSameRecords() throws IOException {
        List<Message> records = Gor.records(300, 0, 15);
        Path in = Gor.write(dir.resolve("in.gor"), records);

        // --verbose 2 and --stats write to stderr, as GoReplay's debug output does: stdout stays a .gor stream
        Run run = Run.of("--input-file", in + "|100000000%", "--output-stdout", "--verbose", "2", "--stats");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("message 1 ").contains("summary");
        Path x = Files.write(dir.resolve("x.gor"), run.outBytes());

        assertThat(Gor.read(x)).as("the reader").isEqualTo(records);
        Path back = dir.resolve("back.gor");
        Run reread = Run.of("--input-file", x + "|100000000%", "--output-file", back.toString(), "--output-file-append");
        assertThat(reread.status()).as(reread.err()).isZero();
        assertThat(reread.err()).doesNotContain("skipped");
        assertThat(Gor.read(back)).as("--input-file").isEqualTo(records);
        assertThat(run.outBytes()).as("the very bytes of a .gor file").isEqualTo(Files.readAllBytes(in));
    }

    @Test
    void prettifiedStdoutIsStillAGorStreamWithEachBodyDecoded() throws IOException {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        String plain = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
        Path in = Gor.write(dir.resolve("p.gor"), List.of(
                new Message(dev.shadowtap.pipeline.MessageType.REQUEST, "b".repeat(24), 1, Message.NO_LATENCY,
                        plain.getBytes(StandardCharsets.US_ASCII)),
                new Message(dev.shadowtap.pipeline.MessageType.RESPONSE, "b".repeat(24), 2, 3,
                        chunked.getBytes(StandardCharsets.US_ASCII))));

        Run run = Run.of("--input-file", in.toString(), "--output-stdout", "--prettify-http");
        assertThat(run.status()).as(run.err()).isZero();

        List<Message> back = Gor.read(Files.write(dir.resolve("pretty.gor"), run.outBytes()));
        assertThat(back).hasSize(2);
        assertThat(new String(back.get(0).payload(), StandardCharsets.US_ASCII)).isEqualTo(plain);
        assertThat(new String(back.get(1).payload(), StandardCharsets.US_ASCII))
                .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(back.get(1).latencyNs()).isEqualTo(3);
    }
}
