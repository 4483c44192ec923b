package dev.shadowtap.app;

import dev.shadowtap.gor.GorReader;
import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test helpers: .gor files of realistic records, written and read with the real format classes. */
final class Gor {
    private Gor() {
    }

    /** {@code count} request/response records, {@code gapMs} apart, with varied sizes and bytes. */
    static List<Message> records(int count, long gapMs, long seed) {
        Random random = new Random(seed);
        long start = 1_795_000_000_000_000_000L;
        List<Message> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.format("%024x", random.nextLong() & Long.MAX_VALUE);
            long ts = start + i * gapMs * 1_000_000L;
            byte[] body = new byte[random.nextInt(3000)];
            random.nextBytes(body);
            String head = "POST /items/" + i + "?q=" + random.nextInt(1000) + " HTTP/1.1\r\nHost: shop.example\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            byte[] payload = concat(head.getBytes(StandardCharsets.US_ASCII), body);
            if (i % 2 == 0) {
                records.add(new Message(MessageType.REQUEST, id, ts, Message.NO_LATENCY, payload));
            } else {
                records.add(new Message(MessageType.RESPONSE, id, ts, 1_234_567L,
                        ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return records;
    }

    static Path write(Path file, List<Message> records) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            GorWriter writer = GorWriter.file(out);
            for (Message m : records) {
                writer.write(m);
            }
        }
        return file;
    }

    static List<Message> read(Path file) throws IOException {
        List<Message> records = new ArrayList<>();
        try (GorReader reader = GorReader.open(file, new StageStats("test"), Log.SILENT)) {
            for (Message m; (m = reader.next()) != null; ) {
                records.add(m);
            }
        }
        return records;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
