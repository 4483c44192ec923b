package dev.shadowtap.app;

import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The file half of the mission through the real command line: record files in, record files out. */
class FileReplayEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aFileReplayedIntoAnAppendedFileIsByteIdentical() throws IOException {
        Path in = Gor.write(dir.resolve("in.gor"), Gor.records(500, 0, 1));
        Path out = dir.resolve("out.gor");

        Run run = Run.of("--input-file", in + "|100000000%", "--output-file", out.toString(), "--output-file-append");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(in));
    }

    @Test
    void chunksWrittenByOneRunAreReadBackInOrderByTheNext() throws IOException {
        List<Message> records = Gor.records(400, 0, 2);
        Path in = Gor.write(dir.resolve("in.gor"), records);

        Run split = Run.of("--input-file", in + "|100000000%", "--output-file", dir.resolve("part.gor.gz").toString(),
                "--output-file-size-limit", "20kb");
        assertThat(split.status()).as(split.err()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("part_")).count()).isGreaterThan(10);
        }

        Path joined = dir.resolve("joined.gor");
        Run join = Run.of("-input-file", dir + "/part_*.gor.gz|100000000%", "-output-file=" + joined,
                "--output-file-append");
        assertThat(join.status()).as(join.err()).isZero();
        assertThat(Files.readAllBytes(joined)).isEqualTo(Files.readAllBytes(in));
    }

    @Test
    void gzipInGzipOutRoundTrips() throws IOException {
        Path plain = Gor.write(dir.resolve("a.gor"), Gor.records(50, 0, 3));
        Path gz = dir.resolve("b.gor.gz");
        assertThat(Run.of("--input-file", plain + "|100000000%", "--output-file", gz.toString(),
                "--output-file-append").status()).isZero();
        try (var in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(plain));
        }
    }

    @Test
    void replayAtTheRecordedPaceTakesTheRecordedTimeAndThenExits() throws IOException {
        // 11 records 100 ms apart: one second of traffic.
        Path in = Gor.write(dir.resolve("paced.gor"), Gor.records(11, 100, 4));

        Run normal = Run.of("--input-file", in.toString(), "--output-null");
        Run fast = Run.of("--input-file", in + "|1000%", "--output-null");

        assertThat(normal.status()).isZero();
        assertThat(normal.millis()).isBetween(950L, 2500L);
        assertThat(fast.millis()).isLessThan(normal.millis() - 600);
    }

    @Test
    void stdoutPrintsRecordsAsGoReplayDoesWithBodiesDecodedOnRequest() throws IOException {
        byte[] chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        Path in = Gor.write(dir.resolve("c.gor"), List.of(new Message(dev.shadowtap.pipeline.MessageType.RESPONSE,
                "a".repeat(24), 1, 2, chunked)));

        Run raw = Run.of("--input-file", in.toString(), "--output-stdout");
        Run pretty = Run.of("--input-file", in.toString(), "--output-stdout", "--prettify-http");

        String separator = new String(dev.shadowtap.gor.GorFormat.SEPARATOR, StandardCharsets.UTF_8);
        assertThat(raw.out()).isEqualTo("2 " + "a".repeat(24) + " 1 2\n" + new String(chunked, StandardCharsets.US_ASCII) + separator);
        assertThat(pretty.out()).contains("Content-Length: 5\r\n").contains("\r\n\r\nhello" + separator)
                .doesNotContain("Transfer-Encoding");
    }

    @Test
    void dryRunDescribesTheRecordingWithoutReplayingIt() throws IOException {
        Path in = Gor.write(dir.resolve("d.gor"), Gor.records(21, 1000, 5));

        Run run = Run.of("--input-file", in + "|200%", "--input-file-dry-run");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.millis()).isLessThan(5000);
        assertThat(run.out()).contains("21 records (11 requests, 10 responses, 0 replayed)")
                .contains("time span 20s").contains("takes 10s");
    }

    @Test
    void aSampledOutputKeepsAboutItsShareOfRequestsEachWithItsResponseAndCountsTheRest() throws IOException {
        // Gor.records gives every record its own id: pair them up, response i under request i's id
        List<Message> records = new ArrayList<>();
        List<Message> raw = Gor.records(2000, 0, 6);
        for (int i = 0; i < raw.size(); i += 2) {
            records.add(raw.get(i));
            Message r = raw.get(i + 1);
            records.add(new Message(r.type(), raw.get(i).id(), r.timestampNs(), r.latencyNs(), r.payload()));
        }
        Path in = Gor.write(dir.resolve("s.gor"), records);
        Path out = dir.resolve("sample.gor");

        Run run = Run.of("--input-file", in + "|100000000%", "--output-file", out + "|25%", "--output-file-append",
                "--stats");

        assertThat(run.status()).as(run.err()).isZero();
        List<Message> kept = Gor.read(out);
        List<String> requests = kept.stream().filter(Message::isRequest).map(Message::id).toList();
        List<String> responses = kept.stream().filter(m -> !m.isRequest()).map(Message::id).toList();
        assertThat(requests.size()).isBetween(200, 300);
        assertThat(responses).as("each kept request with its response, no other").isEqualTo(requests);
        assertThat(run.err()).contains("sampled-out " + (1000 - requests.size()))
                .contains("sampled-out-response " + (1000 - requests.size()));
    }
}
