package dev.shadowtap.gor;

import dev.shadowtap.core.RecordingLog;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A file read and written back is byte-identical, plain and gzip, for every shape of record GoReplay writes. */
class GorRoundTripTest {
    private static final String ID24 = "0a1b2c3d4e5f60718293a4b5";
    private static final String ID40 = "8f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a";

    @TempDir
    Path dir;

    /** One case: the exact bytes on disk and the records they hold. */
    record Case(byte[] file, List<Message> records) {
    }

    static Stream<Arguments> cases() {
        byte[] binary = new byte[256];
        for (int i = 0; i < 256; i++) {
            binary[i] = (byte) i;
        }
        byte[] nearSeparator = concat("POST /up HTTP/1.1\r\nContent-Length: 40\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {'\n', (byte) 0xF0, (byte) 0x9F, '\n', '\n', (byte) 0xF0, (byte) 0x9F, (byte) 0x90, (byte) 0xB5, '\n'},
                "\n\uD83D\uDC35\uD83D\uDE48\n".getBytes(StandardCharsets.UTF_8),
                "\uD83D\uDE49\n\n".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xF0, (byte) 0x9F});
        return Stream.of(
                named("four fields, 24-hex id, CRLF request",
                        msg(MessageType.REQUEST, ID24, 1700000000123456789L, 0,
                                "GET /a?b=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: curl/8\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                        msg(MessageType.RESPONSE, ID24, 1700000000123999999L, 543210,
                                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII))),
                named("three fields, 40-hex id",
                        msg(MessageType.REQUEST, ID40, 1500000000000000000L, Message.NO_LATENCY,
                                "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                        msg(MessageType.REPLAYED, ID40, 1500000000000000001L, Message.NO_LATENCY,
                                "HTTP/1.1 404 Not Found\r\n\r\n".getBytes(StandardCharsets.US_ASCII))),
                named("mixed three- and four-field headers",
                        msg(MessageType.REQUEST, ID24, 1, Message.NO_LATENCY, "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                        msg(MessageType.RESPONSE, ID24, 2, 7, "HTTP/1.0 200 OK\r\n\r\nclose-delimited".getBytes(StandardCharsets.US_ASCII))),
                named("GoReplay's dummy and HTTP inputs: latency -1 (unknown), a response 1 ns on",
                        msg(MessageType.REQUEST, ID24, 1700000000123456789L, Message.UNKNOWN_LATENCY,
                                "GET / HTTP/1.1\r\nHost: www.w3.org\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                        msg(MessageType.RESPONSE, ID24, 1700000000123456790L, 1,
                                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))),
                named("empty payloads",
                        msg(MessageType.REQUEST, ID24, 10, 0, new byte[0]),
                        msg(MessageType.REQUEST, ID24, 11, Message.NO_LATENCY, new byte[0]),
                        msg(MessageType.RESPONSE, ID24, 12, 3, new byte[0])),
                named("binary payload with every byte value", msg(MessageType.REQUEST, "ab", 5, 6, binary)),
                named("payload with pieces of the separator and lone newlines",
                        msg(MessageType.REQUEST, ID24, 5, 6, nearSeparator),
                        msg(MessageType.RESPONSE, ID24, 7, 8, "\n\n\n".getBytes(StandardCharsets.US_ASCII))),
                named("payload ending in a newline and in 12 of the separator's 14 bytes (13 would be ambiguous, as in GoReplay)",
                        msg(MessageType.REQUEST, ID24, 5, 6, "x\n".getBytes(StandardCharsets.US_ASCII)),
                        msg(MessageType.REQUEST, ID24, 5, 6, concat("x".getBytes(StandardCharsets.US_ASCII),
                                java.util.Arrays.copyOf(GorFormat.SEPARATOR, 12)))),
                named("LF-only HTTP and 100-continue pair",
                        msg(MessageType.RESPONSE, ID24, 99, 1, "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                        msg(MessageType.REQUEST, ID24, 98, 0,
                                "PUT /x HTTP/1.1\nExpect: 100-continue\nContent-Length: 3\n\nabc".getBytes(StandardCharsets.US_ASCII))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plainFileReadsAndWritesBackIdentically(Case c) throws IOException {
        Path file = Files.write(dir.resolve("in.gor"), c.file());
        StageStats stats = new StageStats("in");
        RecordingLog log = new RecordingLog();
        List<Message> read;
        try (GorReader reader = GorReader.open(file, stats, log)) {
            read = GorBytes.drain(reader);
            assertThat(reader.records()).isEqualTo(c.records().size());
        }
        assertThat(read).containsExactlyElementsOf(c.records());
        assertThat(log.warnings()).isEmpty();
        assertThat(stats.droppedTotal()).isZero();

        Path back = dir.resolve("out.gor");
        try (OutputStream out = Files.newOutputStream(back)) {
            GorWriter writer = GorWriter.file(out);
            for (Message m : read) {
                writer.write(m);
            }
        }
        assertThat(Files.readAllBytes(back)).isEqualTo(c.file());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gzipFileReadsAndWritesBackIdentically(Case c) throws IOException {
        Path file = Files.write(dir.resolve("in.gor.gz"), GorBytes.gzip(c.file()));
        StageStats stats = new StageStats("in");
        RecordingLog log = new RecordingLog();
        List<Message> read;
        try (GorReader reader = GorReader.open(file, stats, log)) {
            read = GorBytes.drain(reader);
        }
        assertThat(read).containsExactlyElementsOf(c.records());
        assertThat(log.warnings()).isEmpty();

        Path back = dir.resolve("out.gor.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(back))) {
            GorWriter writer = GorWriter.file(out);
            for (Message m : read) {
                writer.write(m);
            }
        }
        assertThat(GorBytes.gunzip(Files.readAllBytes(back))).isEqualTo(c.file());
        assertThat(Files.readAllBytes(back)).as("same deflate stream").isEqualTo(Files.readAllBytes(file));
    }

    private static Message msg(MessageType type, String id, long ts, long latency, byte[] payload) {
        return new Message(type, id, ts, latency, payload);
    }

    private static Arguments named(String name, Message... records) {
        GorBytes file = GorBytes.of();
        for (Message m : records) {
            String header = m.type().code() + " " + m.id() + " " + m.timestampNs()
                    + (m.hasLatency() ? " " + m.latencyNs() : "");
            file.record(header, m.payload());
        }
        return Arguments.of(Named.of(name, new Case(file.bytes(), List.of(records))));
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
