package dev.shadowtap.io.binary;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one {@code --output-binary}.
 *
 * @param target  where the payloads go
 * @param workers {@code --output-binary-workers}: most connections open to the target at once; 0 means
 *                as many as there are recorded connections at work
 * @param timeout {@code --output-binary-timeout}: the longest wait for a connection and for a reply
 *                (its first byte, and the whole of it)
 * @param reply   what becomes of the replies
 * @param debug   {@code --output-binary-debug}: log each connection, request and reply (ids and sizes)
 */
public record BinaryReplayConfig(BinaryTarget target, int workers, Duration timeout, Reply reply, boolean debug) {
    /** GoReplay's default when the timeout is 0 or not given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** GoReplay's {@code --output-tcp-response-buffer} default: what is kept of each reply. */
    public static final int DEFAULT_RESPONSE_BUFFER = 100 * 1024;
    /** Requests queued or in flight before {@code write} waits (GoReplay's queue of 1,000). */
    public static final int QUEUE_LEN = 1_000;
    /** A connection with nothing to send closes after this long (GoReplay's idle workers stop after 2 s). */
    public static final Duration IDLE = Duration.ofSeconds(2);

    public BinaryReplayConfig {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reply, "reply");
        if (workers < 0) {
            throw new IllegalArgumentException("--output-binary-workers must be 0 or more, got " + workers);
        }
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
    }

    /**
     * @param track  {@code --output-binary-track-response}: each reply flows back as a type 3 record
     * @param buffer bytes kept of each reply; the rest is read and dropped, the reply counted truncated
     */
    public record Reply(boolean track, int buffer) {
        public Reply {
            if (buffer < 1) {
                throw new IllegalArgumentException("the reply buffer must be at least 1 byte, got " + buffer);
            }
        }
    }
}
