package dev.shadowtap.core;

import java.net.InetSocketAddress;

/**
 * Where a message travelled: the client and server ends of its TCP connection and a number that
 * tells connections apart. Messages read from a file carry {@link #UNKNOWN}.
 */
public record Connection(InetSocketAddress source, InetSocketAddress destination, long connectionId) {
    public static final Connection UNKNOWN = new Connection(null, null, 0);

    public boolean isKnown() {
        return source != null && destination != null;
    }
}
