package dev.shadowtap.gor;

import dev.shadowtap.core.RecordingLog;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the format: any list of records survives write -> read unchanged and re-writes to the
 * same bytes; any input, however damaged, yields records or counted drops and never an unchecked
 * exception.
 */
class GorFormatProperties {
    private static final byte[] SEP = GorFormat.SEPARATOR;

    @Property(tries = 300)
    void recordsSurviveWriteThenRead(@ForAll("recordLists") List<Message> records) throws IOException {
        byte[] written = GorBytes.writeAll(records);
        StageStats stats = new StageStats("in");
        RecordingLog log = new RecordingLog();

        List<Message> read = GorBytes.readAll(written, "prop.gor", stats, log);

        assertThat(read).containsExactlyElementsOf(records);
        assertThat(log.warnings()).isEmpty();
        assertThat(stats.droppedTotal()).isZero();
        assertThat(GorBytes.writeAll(read)).isEqualTo(written);
    }

    @Property(tries = 500)
    void garbageNeverThrowsAndNothingIsSilentlyLost(@ForAll @Size(max = 600) byte[] garbage) throws IOException {
        assertEveryInputIsAccountedFor(garbage);
    }

    @Property(tries = 300)
    void garbageMadeOfFormatPiecesIsAccountedFor(@ForAll("formatPieces") List<byte[]> pieces) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        pieces.forEach(bytes::writeBytes);
        assertEveryInputIsAccountedFor(bytes.toByteArray());
    }

    @Property(tries = 300)
    void damagedValidFilesAreAccountedFor(@ForAll("recordLists") List<Message> records,
                                          @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 1 << 20) Integer> flips,
                                          @ForAll @IntRange(min = 0, max = 100) int keepPercent) throws IOException {
        byte[] bytes = GorBytes.writeAll(records);
        for (int flip : flips) {
            if (bytes.length > 0) {
                bytes[flip % bytes.length] ^= (byte) (1 + flip % 255);
            }
        }
        bytes = Arrays.copyOf(bytes, (int) ((long) bytes.length * keepPercent / 100));
        assertEveryInputIsAccountedFor(bytes);
    }

    @Property(tries = 200)
    void damagedGzipFilesAreAccountedFor(@ForAll("recordLists") List<Message> records,
                                         @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 1 << 20) Integer> flips,
                                         @ForAll @IntRange(min = 0, max = 100) int keepPercent) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        byte[] gz = GorBytes.gzip(GorBytes.writeAll(records));
        for (int flip : flips) {
            gz[flip % gz.length] ^= (byte) (1 + flip % 255);
        }
        gz = Arrays.copyOf(gz, (int) ((long) gz.length * keepPercent / 100));
        Path file = Files.createTempFile("damaged", ".gor.gz");
        try {
            Files.write(file, gz);
            StageStats stats = new StageStats("in");
            RecordingLog log = new RecordingLog();
            List<Message> read;
            // Only IOException may leave open() or next(); anything else fails the property.
            try (GorReader reader = GorReader.open(file, stats, log)) {
                read = GorBytes.drain(reader);
            }
            if (flips.isEmpty() && keepPercent == 100) {
                assertThat(read).containsExactlyElementsOf(records);
            }
            assertThat(read.size() + stats.droppedTotal()).isPositive();
            // One warning per drop and per repair.
            assertThat(log.warnings()).hasSize((int) (stats.droppedTotal() + stats.repairedTotal()))
                    .allSatisfy(line -> assertThat(line).startsWith(file + ":").doesNotContain("\n"));
        } finally {
            Files.delete(file);
        }
    }

    private static void assertEveryInputIsAccountedFor(byte[] input) throws IOException {
        StageStats stats = new StageStats("in");
        RecordingLog log = new RecordingLog();
        // Only IOException may leave next(); anything else fails the property.
        List<Message> read = GorBytes.readAll(input, "fuzz.gor", stats, log);
        long drops = stats.droppedTotal();
        if (input.length > 0) {
            assertThat(read.size() + drops).as("records + drops for %d bytes", input.length).isPositive();
        }
        assertThat(log.warnings()).hasSize((int) (drops + stats.repairedTotal()));
        assertThat(log.warnings()).allSatisfy(line -> assertThat(line).startsWith("fuzz.gor:").doesNotContain("\n"));
        long payloadBytes = read.stream().mapToLong(m -> m.payload().length).sum();
        assertThat(payloadBytes).isLessThanOrEqualTo(input.length);
    }

    @Provide
    Arbitrary<List<byte[]>> formatPieces() {
        Arbitrary<byte[]> piece = Arbitraries.oneOf(
                Arbitraries.of(SEP, Arrays.copyOf(SEP, 5), Arrays.copyOfRange(SEP, 3, 14), "\n".getBytes(StandardCharsets.US_ASCII)),
                Arbitraries.of("1 ab 12\n", "2 0a1b 3 4\n", "3 zz 1\n", "1  1\n", "GET / HTTP/1.1\r\n\r\n",
                        "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n", "Content-Length: 99\r\n", "\r\n\r\n", "body",
                        "1 ab 99999999999999999999\n").map(s -> s.getBytes(StandardCharsets.US_ASCII)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20));
        return piece.list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<Message>> recordLists() {
        Arbitrary<MessageType> types = Arbitraries.of(MessageType.class);
        Arbitrary<String> ids = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(24),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(40),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(1).ofMaxLength(64));
        Arbitrary<Long> timestamps = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<Long> latencies = Arbitraries.oneOf(Arbitraries.just(Message.NO_LATENCY),
                Arbitraries.just(Message.UNKNOWN_LATENCY), Arbitraries.longs().between(-Long.MAX_VALUE, Long.MAX_VALUE));
        Arbitrary<byte[]> payloads = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.of((byte) '\n', (byte) '\r', (byte) 0xF0, (byte) 0x9F, (byte) 0x90, (byte) 0xB5,
                        (byte) 0x99, (byte) 0x88, (byte) 0x89, (byte) 'G', (byte) ' ').array(byte[].class).ofMaxSize(100),
                Arbitraries.of("GET / HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc",
                        "POST /x HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}", "").map(s -> s.getBytes(StandardCharsets.US_ASCII)))
                .filter(GorFormatProperties::unambiguous);
        return Combinators.combine(types, ids, timestamps, latencies, payloads)
                .as(Message::new)
                .list().ofMaxSize(12);
    }

    /**
     * A payload the format can carry: the first separator in {@code \n payload separator} is the one
     * that ends it (a payload containing the separator, or ending in most of it, cannot be told apart,
     * as in GoReplay).
     */
    static boolean unambiguous(byte[] payload) {
        byte[] framed = new byte[1 + payload.length + SEP.length];
        framed[0] = '\n';
        System.arraycopy(payload, 0, framed, 1, payload.length);
        System.arraycopy(SEP, 0, framed, 1 + payload.length, SEP.length);
        for (int i = 0; i + SEP.length <= framed.length; i++) {
            if (Arrays.equals(framed, i, i + SEP.length, SEP, 0, SEP.length)) {
                return i == 1 + payload.length;
            }
        }
        return false;
    }
}
