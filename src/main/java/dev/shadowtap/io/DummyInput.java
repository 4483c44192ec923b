package dev.shadowtap.io;

import dev.shadowtap.pipeline.Input;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * {@code --input-dummy}: a {@code GET / HTTP/1.1} request every interval (one second by default) on a
 * fixed-rate schedule, each with a new 24-hex-digit id and the current time, until closed, each followed
 * by its response, as GoReplay's dummy input writes them: {@code 1 <id> <now> -1} (latency unknown),
 * then {@code 2 <id> <now+1> 1} with {@code HTTP/1.1 200 OK} and an empty body. The first request comes
 * one interval after the input is made. Live: never waits for the pipeline.
 */
public final class DummyInput implements Input {
    static final byte[] REQUEST = ("GET / HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "User-Agent: shadowtap-dummy\r\n"
            + "\r\n").getBytes(StandardCharsets.US_ASCII);
    static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final long intervalNs;
    private final RandomGenerator random;
    private final CountDownLatch closed = new CountDownLatch(1);
    private long nextNs;
    /** The response to the request read last, returned by the next read. */
    private Message response;

    public DummyInput(Duration interval, RandomGenerator random) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the dummy interval must be above 0, got " + interval);
        }
        this.intervalNs = interval.toNanos();
        this.random = random;
        this.nextNs = System.nanoTime() + intervalNs;
    }

    public DummyInput() {
        this(Duration.ofSeconds(1), new SplittableRandom());
    }

    @Override
    public synchronized Message read() throws InterruptedException {
        if (response != null) {
            Message r = response;
            response = null;
            return r;
        }
        long wait = nextNs - System.nanoTime();
        if (closed.await(Math.max(wait, 0), TimeUnit.NANOSECONDS) || closed.getCount() == 0) {
            return null;
        }
        nextNs += intervalNs;
        Instant now = Instant.now();
        long timestampNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        String id = newId();
        response = new Message(MessageType.RESPONSE, id, timestampNs + 1, 1, RESPONSE.clone());
        return new Message(MessageType.REQUEST, id, timestampNs, Message.UNKNOWN_LATENCY, REQUEST.clone());
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public void close() {
        closed.countDown();
    }

    private String newId() {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
