package dev.shadowtap.io.tcp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code --output-tcp}: where to, over how many connections and how records are dealt to them,
 * TLS, and the bounds of its queues and waits.
 *
 * @param address the receiver ({@code --input-tcp} of another instance)
 * @param workers {@code --output-tcp-workers}: connections, each with its queue
 * @param sticky  {@code --output-tcp-sticky}: a record goes to connection FNV-32a(id) % workers, as in
 *                GoReplay, so a request and its response share one
 * @param tls     {@code --output-tcp-secure} and its certificates, when given
 * @param stats   {@code --output-tcp-stats}: a line on the queue every {@link Limits#statsInterval()}
 * @param limits  the bounds
 */
public record TcpOutputConfig(TcpAddress address, int workers, boolean sticky, Optional<TcpTls.Client> tls,
                              boolean stats, Limits limits, boolean bySession) {
    /** Sticky by the record's id, as GoReplay. */
    public TcpOutputConfig(TcpAddress address, int workers, boolean sticky, Optional<TcpTls.Client> tls, boolean stats,
                           Limits limits) {
        this(address, workers, sticky, tls, stats, limits, false);
    }

    public TcpOutputConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
        if (workers < 1) {
            throw new IllegalArgumentException("--output-tcp-workers must be at least 1");
        }
    }

    /** Whether the peer's name is checked against its certificate (TLS without skip-verify). */
    boolean verifyHostname() {
        return tls.isPresent() && !tls.get().skipVerify();
    }

    /**
     * @param perConnection  records queued per connection at most
     * @param maxBytes       bytes queued in all connections at most (one record always fits)
     * @param stall          how long a write waits for room while the peer is up before the record is
     *                       dropped {@code queue-full}
     * @param flush          how long closing waits for the queues to be sent; the rest is counted
     *                       {@code unsent-at-close}
     * @param connectTimeout a connection attempt (and TLS handshake) at most
     * @param firstRetry     the first wait after a failed attempt, doubled on each failure ...
     * @param maxRetry       ... up to this
     * @param statsInterval  how often {@code --output-tcp-stats} reports
     */
    public record Limits(int perConnection, long maxBytes, Duration stall, Duration flush, Duration connectTimeout,
                         Duration firstRetry, Duration maxRetry, Duration statsInterval) {
        public static final Limits DEFAULT = new Limits(1024, 64L << 20, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }
}
