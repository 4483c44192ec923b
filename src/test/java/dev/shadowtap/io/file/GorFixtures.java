package dev.shadowtap.io.file;

import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.zip.GZIPOutputStream;

/** Real .gor files for the file input tests, written with the project's own {@link GorWriter}. */
final class GorFixtures {
    /** 2026-11-20T10:00:00Z, a base so that timestamps look like real ones. */
    static final long BASE_NS = 1_795_168_800_000_000_000L;
    static final long MS = 1_000_000L;

    private GorFixtures() {
    }

    static Message record(MessageType type, long timestampNs, int n) {
        String id = String.format("%024x", n);
        String payload = type == MessageType.REQUEST
                ? "GET /item/" + n + " HTTP/1.1\r\nHost: example.test\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        long latency = type == MessageType.REQUEST ? Message.NO_LATENCY : 1_000_000;
        return new Message(type, id, timestampNs, latency, payload.getBytes(StandardCharsets.US_ASCII));
    }

    /** Requests at BASE_NS plus each of the given offsets in milliseconds, numbered in file order. */
    static List<Message> requestsAtMs(long... offsetsMs) {
        return LongStream.range(0, offsetsMs.length)
                .mapToObj(i -> record(MessageType.REQUEST, BASE_NS + offsetsMs[(int) i] * MS, (int) i))
                .toList();
    }

    /** Writes the records to the file, through gzip when its name ends in .gz. */
    static Path write(Path file, List<Message> records) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file));
             OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
            GorWriter writer = GorWriter.file(out);
            for (Message record : records) {
                writer.write(record);
            }
        }
        return file;
    }

    static FileInputConfig config(Path pattern) {
        return FileInputConfig.of(pattern.toString());
    }
}
