package dev.shadowtap.gor;

import dev.shadowtap.core.RecordingLog;

import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of damage gives exactly one warning line naming the source and byte offset, is counted by
 * reason, and reading goes on with the records that follow.
 */
class GorReaderBadInputTest {
    private static final String SRC = "traffic.gor";
    private static final String ID = "0a1b2c3d4e5f60718293a4b5";
    private static final String GET = "GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n";
    private static final String POST = "POST /b HTTP/1.1\r\nHost: example.com\r\nContent-Length: 11\r\n\r\n{\"a\":\"xyz\"}";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";

    @TempDir
    Path dir;

    private final StageStats stats = new StageStats("input-file");
    private final RecordingLog log = new RecordingLog();

    @Test
    void lastRecordCutInsideItsHeaderLineIsTruncated() throws IOException {
        GorBytes file = GorBytes.of().record("1 " + ID + " 100 0", GET).record("2 " + ID + " 101 5", OK);
        int offset = file.size();
        file.raw("1 " + ID + " 10");

        assertThat(read(file.bytes())).containsExactly(req("100 0", GET), resp("101 5", OK));
        assertOneWarning(offset, "truncated record");
        assertThat(stats.dropped(Reason.TRUNCATED)).isEqualTo(1);
        assertThat(stats.droppedTotal()).isEqualTo(1);
    }

    @Test
    void lastRecordShorterThanItsContentLengthIsTruncated() throws IOException {
        GorBytes file = GorBytes.of().record("1 " + ID + " 100 0", GET);
        int offset = file.size();
        file.raw("1 " + ID + " 200 0\nPOST /b HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"partial\":");

        assertThat(read(file.bytes())).containsExactly(req("100 0", GET));
        assertOneWarning(offset, "HTTP framing says");
        assertThat(stats.dropped(Reason.TRUNCATED)).isEqualTo(1);
    }

    @Test
    void lastRecordCutInsideItsHttpHeadersIsTruncated() throws IOException {
        GorBytes file = GorBytes.of().record("1 " + ID + " 100 0", GET);
        int offset = file.size();
        file.raw("1 " + ID + " 200 0\nGET /c HTTP/1.1\r\nHost: exa");

        assertThat(read(file.bytes())).containsExactly(req("100 0", GET));
        assertOneWarning(offset, "HTTP headers incomplete");
        assertThat(stats.dropped(Reason.TRUNCATED)).isEqualTo(1);
    }

    @Test
    void lastChunkedRecordWithoutItsLastChunkIsTruncated() throws IOException {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n";
        GorBytes file = GorBytes.of().record("1 " + ID + " 100 0", GET);
        int offset = file.size();
        file.raw("2 " + ID + " 101 3\n" + chunked);

        assertThat(read(file.bytes())).containsExactly(req("100 0", GET));
        assertOneWarning(offset, "chunked body without its last chunk");
        assertThat(stats.dropped(Reason.TRUNCATED)).isEqualTo(1);
    }

    @Test
    void missingSeparatorAfterAChunkedResponseIsSplitAndBothKept() throws IOException {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        GorBytes file = GorBytes.of().raw("2 " + ID + " 101 3\n" + chunked);
        int offset = file.size();
        file.record("1 " + ID + " 200 0", GET);

        assertThat(read(file.bytes())).containsExactly(resp("101 3", chunked), req("200 0", GET));
        assertThat(log.warnings()).hasSize(1).first().asString().startsWith(SRC + ":" + offset + ": missing separator");
    }

    @Test
    void completeLastRecordWithoutSeparatorIsKeptSilently() throws IOException {
        GorBytes file = GorBytes.of().record("1 " + ID + " 100 0", GET).raw("1 " + ID + " 200 0\n" + POST);

        assertThat(read(file.bytes())).containsExactly(req("100 0", GET), req("200 0", POST));
        assertThat(log.warnings()).isEmpty();
        assertThat(stats.droppedTotal()).isZero();
    }

    @Test
    void lastRecordCutInsideItsSeparatorIsKeptSilently() throws IOException {
        GorBytes file = GorBytes.of().record("1 " + ID + " 100 0", GET)
                .raw("2 " + ID + " 200 3\n" + OK).raw(Arrays.copyOf(GorFormat.SEPARATOR, 6));

        assertThat(read(file.bytes())).containsExactly(req("100 0", GET), resp("200 3", OK));
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void lastNonHttpRecordWithoutSeparatorKeepsItsTrailingNewline() throws IOException {
        GorBytes file = GorBytes.of().raw("1 " + ID + " 100 0\nbinary\n");

        assertThat(read(file.bytes())).containsExactly(req("100 0", "binary\n"));
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void missingSeparatorAfterBodilessGetIsSplitAndBothKept() throws IOException {
        GorBytes file = GorBytes.of().raw("1 " + ID + " 100 0\n" + GET);
        int offset = file.size();
        file.record("2 " + ID + " 101 5", OK).record("1 " + ID + " 102 0", POST);

        assertThat(read(file.bytes())).containsExactly(req("100 0", GET), resp("101 5", OK), req("102 0", POST));
        assertThat(log.warnings()).containsExactly(SRC + ":" + offset + ": missing separator before this record; "
                + "split where the previous record's HTTP message ends, both records kept");
        assertThat(stats.repairs(Reason.MISSING_SEPARATOR)).isEqualTo(1);
        assertThat(stats.droppedTotal()).as("a repair loses nothing").isZero();
    }

    @Test
    void missingSeparatorAfterContentLengthBodyIsSplitAndBothKept() throws IOException {
        GorBytes file = GorBytes.of().record("1 " + ID + " 100 0", GET).raw("1 " + ID + " 200 0\n" + POST);
        int offset = file.size();
        file.record("2 " + ID + " 201", OK).record("1 " + ID + " 300 0", GET);

        assertThat(read(file.bytes())).containsExactly(req("100 0", GET), req("200 0", POST), resp("201", OK),
                req("300 0", GET));
        assertThat(log.warnings()).hasSize(1).first().asString().startsWith(SRC + ":" + offset + ": missing separator");
        assertThat(stats.repairs(Reason.MISSING_SEPARATOR)).isEqualTo(1);
        assertThat(stats.droppedTotal()).as("a repair loses nothing").isZero();
    }

    @Test
    void missingSeparatorAfterABodyWithAStrayCrlfKeepsTheCrlfWithTheBody() throws IOException {
        GorBytes file = GorBytes.of().raw("1 " + ID + " 200 0\n" + POST + "\r\n");
        int offset = file.size();
        file.record("2 " + ID + " 201 9", OK);

        assertThat(read(file.bytes())).containsExactly(req("200 0", POST + "\r\n"), resp("201 9", OK));
        assertThat(log.warnings()).hasSize(1).first().asString().startsWith(SRC + ":" + offset + ": missing separator");
        assertThat(stats.repairs(Reason.MISSING_SEPARATOR)).isEqualTo(1);
        assertThat(stats.droppedTotal()).as("a repair loses nothing").isZero();
    }

    @Test
    void missingSeparatorBeforeALastRecordWithoutSeparator() throws IOException {
        GorBytes file = GorBytes.of().raw("1 " + ID + " 100 0\n" + GET).raw("2 " + ID + " 101 5\n" + OK);

        assertThat(read(file.bytes())).containsExactly(req("100 0", GET), resp("101 5", OK));
        assertThat(log.warnings()).hasSize(1);
        assertThat(stats.repairs(Reason.MISSING_SEPARATOR)).isEqualTo(1);
        assertThat(stats.droppedTotal()).as("a repair loses nothing").isZero();
    }

    @Test
    void extraBytesAfterAnHttpMessageThatAreNoHeaderStayInThePayload() throws IOException {
        String pipelined = GET + "GET /next HTTP/1.1\r\n\r\n";
        GorBytes file = GorBytes.of().record("1 " + ID + " 100 0", pipelined);

        assertThat(read(file.bytes())).containsExactly(req("100 0", pipelined));
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void garbageHeaderLineIsSkipped() throws IOException {
        GorBytes file = GorBytes.of().record("1 " + ID + " 100 0", GET);
        int offset = file.size();
        file.record("hello world", "whatever\r\n").record("2 " + ID + " 300 4", OK);

        assertThat(read(file.bytes())).containsExactly(req("100 0", GET), resp("300 4", OK));
        assertOneWarning(offset, "bad header line 'hello world'");
        assertThat(stats.dropped(Reason.BAD_HEADER)).isEqualTo(1);
    }

    @Test
    void controlBytesInABadHeaderAreQuotedOnOneLine() throws IOException {
        GorBytes file = GorBytes.of().record("\u001b[2J\u0007 x\ty", GET).record("1 " + ID + " 300 0", GET);

        assertThat(read(file.bytes())).containsExactly(req("300 0", GET));
        assertOneWarning(0, "bad header line '\\x1b[2J\\x07 x\\x09y'");
    }

    @Test
    void badTimestampIsABadHeader() throws IOException {
        GorBytes file = GorBytes.of().record("1 " + ID + " 12x4 0", GET).record("1 " + ID + " 300 0", GET);

        assertThat(read(file.bytes())).containsExactly(req("300 0", GET));
        assertOneWarning(0, "bad timestamp");
        assertThat(stats.dropped(Reason.BAD_HEADER)).isEqualTo(1);
    }

    @Test
    void nonHexIdIsSkipped() throws IOException {
        GorBytes file = GorBytes.of().record("1 " + ID + " 100 0", GET);
        int offset = file.size();
        file.record("1 0a1b2c3d4e5f6071829zzzz5 200 0", GET).record("1 " + ID + " 300 0", POST);

        assertThat(read(file.bytes())).containsExactly(req("100 0", GET), req("300 0", POST));
        assertOneWarning(offset, "non-hex id");
        assertThat(stats.dropped(Reason.BAD_ID)).isEqualTo(1);
    }

    @Test
    void oversizedRecordIsSkippedUpToItsSeparator() throws IOException {
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 'z');
        GorBytes file = GorBytes.of().record("1 " + ID + " 100 0", GET);
        int offset = file.size();
        file.record("1 " + ID + " 200 0", big).record("1 " + ID + " 300 0", POST);

        List<Message> read;
        try (GorReader reader = new GorReader(new ByteArrayInputStream(file.bytes()), SRC, stats, log, 1000)) {
            read = GorBytes.drain(reader);
        }
        assertThat(read).containsExactly(req("100 0", GET), req("300 0", POST));
        assertOneWarning(offset, "no separator within 1000 bytes");
        assertThat(stats.dropped(Reason.OVERSIZED)).isEqualTo(1);
    }

    @Test
    void corruptGzipStreamSkipsTheRecordInProgress() throws IOException {
        String body = "x".repeat(3000);
        String post = "POST /c HTTP/1.1\r\nContent-Length: 3000\r\n\r\n" + body;
        GorBytes plain = GorBytes.of().record("1 " + ID + " 100 0", GET).record("2 " + ID + " 101 1", OK);
        int offset = plain.size();
        plain.raw("1 " + ID + " 200 0\n" + post.substring(0, 1000));
        // A first gzip member that ends inside a record, then a second member whose deflate data is garbage.
        byte[] damaged = concat(GorBytes.gzip(plain.bytes()),
                new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
        Path file = Files.write(dir.resolve("bad.gor.gz"), damaged);

        try (GorReader reader = GorReader.open(file, stats, log)) {
            assertThat(GorBytes.drain(reader)).containsExactly(req("100 0", GET), resp("101 1", OK));
            assertThat(reader.next()).isNull();
        }
        assertThat(log.warnings()).hasSize(1);
        assertThat(log.warnings().getFirst()).startsWith(file + ":" + offset + ": corrupt gzip stream").endsWith("; record skipped");
        assertThat(stats.dropped(Reason.CORRUPT_GZIP)).isEqualTo(1);
        assertThat(stats.droppedTotal()).isEqualTo(1);
    }

    @Test
    void fileNamedGzThatIsNotGzipReadsAsEmptyWithOneWarning() throws IOException {
        Path file = Files.write(dir.resolve("plain.gor.gz"), GorBytes.of().record("1 " + ID + " 100 0", GET).bytes());

        try (GorReader reader = GorReader.open(file, stats, log)) {
            assertThat(reader.next()).isNull();
        }
        assertThat(log.warnings()).containsExactly(file + ":0: corrupt gzip stream (Not in GZIP format); record skipped");
        assertThat(stats.dropped(Reason.CORRUPT_GZIP)).isEqualTo(1);
    }

    @Test
    void truncatedGzipStreamKeepsTheRecordsBeforeTheCut() throws IOException {
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        GorBytes plain = GorBytes.of().record("1 " + ID + " 100 0", GET).record("2 " + ID + " 101 1", OK);
        int offset = plain.size();
        plain.record("1 " + ID + " 200 0", noise).record("1 " + ID + " 300 0", GET);
        byte[] gz = GorBytes.gzip(plain.bytes());
        Path file = Files.write(dir.resolve("cut.gor.gz"), Arrays.copyOf(gz, gz.length / 2));

        try (GorReader reader = GorReader.open(file, stats, log)) {
            assertThat(GorBytes.drain(reader)).containsExactly(req("100 0", GET), resp("101 1", OK));
        }
        assertThat(log.warnings()).hasSize(1);
        assertThat(log.warnings().getFirst()).startsWith(file + ":" + offset + ": truncated gzip stream").endsWith("; record skipped");
        assertThat(stats.dropped(Reason.TRUNCATED_GZIP)).isEqualTo(1);
        assertThat(stats.droppedTotal()).isEqualTo(1);
    }

    @Test
    void emptyGzipFileIsATruncatedStream() throws IOException {
        Path file = Files.write(dir.resolve("empty.gor.gz"), new byte[0]);

        try (GorReader reader = GorReader.open(file, stats, log)) {
            assertThat(reader.next()).isNull();
        }
        assertThat(log.warnings()).hasSize(1).first().asString().startsWith(file + ":0: truncated gzip stream");
        assertThat(stats.dropped(Reason.TRUNCATED_GZIP)).isEqualTo(1);
    }

    @Test
    void emptyInputHasNoRecordsAndNoWarnings() throws IOException {
        assertThat(read(new byte[0])).isEmpty();
        assertThat(log.warnings()).isEmpty();
        assertThat(stats.droppedTotal()).isZero();
    }

    private List<Message> read(byte[] bytes) throws IOException {
        return GorBytes.readAll(bytes, SRC, stats, log);
    }

    private void assertOneWarning(long offset, String problem) {
        assertThat(log.warnings()).hasSize(1);
        assertThat(log.warnings().getFirst()).startsWith(SRC + ":" + offset + ": ").contains(problem)
                .endsWith("; record skipped").doesNotContain("\n");
    }

    private static Message req(String times, String payload) {
        return parseHeader("1 " + ID + " " + times, payload);
    }

    private static Message resp(String times, String payload) {
        return parseHeader("2 " + ID + " " + times, payload);
    }

    private static Message parseHeader(String header, String payload) {
        String[] f = header.split(" ");
        return new Message(dev.shadowtap.pipeline.MessageType.fromCode(f[0].charAt(0)), f[1], Long.parseLong(f[2]),
                f.length > 3 ? Long.parseLong(f[3]) : Message.NO_LATENCY, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
