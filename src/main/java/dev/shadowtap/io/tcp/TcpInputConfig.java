package dev.shadowtap.io.tcp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code --input-tcp}.
 *
 * @param address        where to listen ({@code :port} is every interface, as in Go)
 * @param tls            {@code --input-tcp-secure} with its certificate, key and client CA, when given
 * @param maxRecordBytes a record larger than this ({@code --copy-buffer-size}) is counted
 *                       {@code oversized} and skipped; it also bounds each connection's buffer
 * @param limits         the bounds of the queue and the waits
 */
public record TcpInputConfig(TcpAddress address, Optional<TcpTls.Server> tls, int maxRecordBytes, Limits limits) {
    public TcpInputConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * @param queueCapacity records received and not yet read, at most; a connection waits for room
     *                      (the sender's writes then wait: back-pressure, nothing dropped here)
     * @param queueBytes    their payload bytes, at most (one record always fits)
     * @param handshake     a TLS handshake at most
     * @param drain         how long closing reads on after asking every sender to stop
     */
    public record Limits(int queueCapacity, long queueBytes, Duration handshake, Duration drain) {
        public static final Limits DEFAULT = new Limits(1024, 64L << 20, Duration.ofSeconds(10), Duration.ofSeconds(2));
    }
}
