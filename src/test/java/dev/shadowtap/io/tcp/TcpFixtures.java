package dev.shadowtap.io.tcp;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.gor.GorFormat;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Shared pieces of the TCP input and output tests: configs on loopback, records, reading until a count. */
final class TcpFixtures {
    static final byte[] SEPARATOR = GorFormat.SEPARATOR;

    private TcpFixtures() {
    }

    static TcpInput listen(StageStats stage, Log log) throws IOException {
        return listen(Optional.empty(), 1 << 20, stage, log);
    }

    static TcpInput listen(Optional<TcpTls.Server> tls, int maxRecord, StageStats stage, Log log) throws IOException {
        return TcpInput.open(new TcpInputConfig(new TcpAddress("127.0.0.1", 0), tls, maxRecord,
                new TcpInputConfig.Limits(1024, 64L << 20, Duration.ofSeconds(5), Duration.ofSeconds(2))), stage, log);
    }

    static TcpOutputConfig.Limits fastLimits() {
        return new TcpOutputConfig.Limits(1024, 64L << 20, Duration.ofSeconds(5), Duration.ofSeconds(3),
                Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(400), Duration.ofSeconds(5));
    }

    static TcpOutputConfig to(int port, int workers, boolean sticky) {
        return new TcpOutputConfig(new TcpAddress("127.0.0.1", port), workers, sticky, Optional.empty(), false, fastLimits());
    }

    static Message request(int i) {
        String body = "n=" + i;
        return new Message(MessageType.REQUEST, String.format("%024x", i), 1_700_000_000_000_000_000L + i,
                Message.NO_LATENCY, ("POST /r/" + i + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
    }

    static List<Message> requests(int from, int count) {
        List<Message> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(request(i));
        }
        return out;
    }

    /** Reads until {@code count} messages came or {@code timeout} passed. */
    static List<Message> read(TcpInput input, int count, Duration timeout) throws InterruptedException {
        List<Message> got = new ArrayList<>();
        long until = System.nanoTime() + timeout.toNanos();
        while (got.size() < count && System.nanoTime() < until) {
            Message m = input.poll(Math.max(0, until - System.nanoTime()));
            if (m != null) {
                got.add(m);
            }
        }
        return got;
    }

    /** A record exactly as GoReplay's output_tcp.go puts it on the wire: Meta (with its newline), Data, separator. */
    static byte[] goReplayRecord(String meta, String data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(meta.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(SEPARATOR);
        return out.toByteArray();
    }
}
