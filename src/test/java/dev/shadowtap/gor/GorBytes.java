package dev.shadowtap.gor;

import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.StageStats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Builds .gor bytes by hand (not through GorWriter) and reads them back, for the tests. */
final class GorBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static GorBytes of() {
        return new GorBytes();
    }

    GorBytes raw(String text) {
        return raw(text.getBytes(StandardCharsets.UTF_8));
    }

    GorBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    GorBytes record(String header, byte[] payload) {
        return raw(header + "\n").raw(payload).raw(GorFormat.SEPARATOR);
    }

    GorBytes record(String header, String payload) {
        return record(header, payload.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    static List<Message> readAll(byte[] bytes, String source, StageStats stats, Log log) throws IOException {
        try (GorReader reader = new GorReader(new ByteArrayInputStream(bytes), source, stats, log)) {
            return drain(reader);
        }
    }

    static List<Message> drain(GorReader reader) throws IOException {
        List<Message> messages = new ArrayList<>();
        for (Message m; (m = reader.next()) != null; ) {
            messages.add(m);
        }
        return messages;
    }

    static byte[] writeAll(List<Message> messages) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GorWriter writer = GorWriter.file(bytes);
        for (Message m : messages) {
            int n = writer.write(m);
            if (n != writer.sizeOf(m)) {
                throw new AssertionError("write said " + n + " bytes, sizeOf " + writer.sizeOf(m));
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(plain);
        }
        return bytes.toByteArray();
    }

    static byte[] gunzip(byte[] compressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    static Message request(String id, long ts, String payload) {
        return new Message(dev.shadowtap.pipeline.MessageType.REQUEST, id, ts, Message.NO_LATENCY,
                payload.getBytes(StandardCharsets.UTF_8));
    }
}
