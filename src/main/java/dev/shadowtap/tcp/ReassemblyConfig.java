package dev.shadowtap.tcp;

import java.time.Duration;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Settings of a {@link TcpReassembler}. Caps are per reassembler (per shard).
 *
 * @param expire              how long out-of-order data waits for the gap before it ({@code --input-raw-expire})
 * @param idleTimeout         an open connection with no segment for this long is closed ({@link CloseReason#IDLE})
 * @param closedLinger        how long a closed connection is remembered, so its late retransmissions are
 *                            counted instead of opening a midstream connection
 * @param maxHeldBytesPerStream out-of-order bytes one direction may hold
 * @param maxHeldPiecesPerStream out-of-order pieces one direction may hold (bounds the work per segment)
 * @param maxHeldBytes        out-of-order bytes all directions together may hold
 * @param maxConnections      connections (open and recently closed) before the oldest are evicted
 * @param serverPort          for a connection whose SYN was not seen: whether a port is a server's. If
 *                            neither or both ports are, the end with the lower port is taken for the server
 */
public record ReassemblyConfig(Duration expire, Duration idleTimeout, Duration closedLinger,
                               int maxHeldBytesPerStream, int maxHeldPiecesPerStream, long maxHeldBytes,
                               int maxConnections, IntPredicate serverPort) {

    public static final ReassemblyConfig DEFAULT = new ReassemblyConfig(Duration.ofSeconds(2), Duration.ofSeconds(60),
            Duration.ofSeconds(2), 4 << 20, 4096, 256L << 20, 1 << 21, port -> false);

    public ReassemblyConfig {
        positive(expire, "expire");
        positive(idleTimeout, "idleTimeout");
        if (closedLinger.isNegative()) {
            throw new IllegalArgumentException("closedLinger must not be negative: " + closedLinger);
        }
        if (maxHeldBytesPerStream <= 0 || maxHeldPiecesPerStream <= 0 || maxHeldBytes <= 0 || maxConnections <= 0) {
            throw new IllegalArgumentException("reassembly caps must be positive");
        }
    }

    public ReassemblyConfig withExpire(Duration value) {
        return new ReassemblyConfig(value, idleTimeout, closedLinger, maxHeldBytesPerStream, maxHeldPiecesPerStream,
                maxHeldBytes, maxConnections, serverPort);
    }

    public ReassemblyConfig withIdleTimeout(Duration value) {
        return new ReassemblyConfig(expire, value, closedLinger, maxHeldBytesPerStream, maxHeldPiecesPerStream,
                maxHeldBytes, maxConnections, serverPort);
    }

    public ReassemblyConfig withHeldLimits(int perStreamBytes, int perStreamPieces, long totalBytes) {
        return new ReassemblyConfig(expire, idleTimeout, closedLinger, perStreamBytes, perStreamPieces, totalBytes,
                maxConnections, serverPort);
    }

    public ReassemblyConfig withMaxConnections(int value) {
        return new ReassemblyConfig(expire, idleTimeout, closedLinger, maxHeldBytesPerStream, maxHeldPiecesPerStream,
                maxHeldBytes, value, serverPort);
    }

    public ReassemblyConfig withServerPort(IntPredicate value) {
        return new ReassemblyConfig(expire, idleTimeout, closedLinger, maxHeldBytesPerStream, maxHeldPiecesPerStream,
                maxHeldBytes, maxConnections, value);
    }

    /** The ports captured ({@code --input-raw :80,8080}) are the servers' ports. */
    public ReassemblyConfig withServerPorts(Set<Integer> ports) {
        Set<Integer> copy = Set.copyOf(ports);
        return withServerPort(copy::contains);
    }

    private static void positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
