package dev.shadowtap.io.raw;

import dev.shadowtap.core.Connection;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Ids of captured requests, laid out as GoReplay 1.3 lays them out: 24 hex digits, the client's port,
 * the server's port and the client's IPv4 address (an IPv6 one folded to 32 bits) in the first 16,
 * which name the connection ({@code core.SessionKey} reads them), then a 32-bit counter that starts
 * at a random value per input (GoReplay puts the TCP ack number there), so ids are unique within a
 * run and, with overwhelming odds, across inputs and hosts. One thread only (the capture thread).
 */
final class RequestIds {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final byte[] id = new byte[24];
    private int next;

    RequestIds() {
        next = new SplittableRandom().nextInt();
    }

    /** The next id, for a request of {@code connection}; one call per captured request, so no formatter on this path. */
    String next(Connection connection) {
        long stream = connection.isKnown()
                ? (long) connection.source().getPort() << 48 | (long) connection.destination().getPort() << 32
                | (ipv4(connection.source().getAddress()) & 0xffffffffL)
                : 0;
        put(stream, 0, 16);
        put(++next & 0xffffffffL, 16, 8);
        return new String(id, StandardCharsets.US_ASCII);
    }

    private void put(long value, int at, int digits) {
        for (int i = 0; i < digits; i++) {
            id[at + i] = HEX[(int) (value >>> (4 * (digits - 1 - i))) & 0xf];
        }
    }

    /** An IPv4 address as its 32 bits; an IPv6 one folded (XOR of its four 32-bit words). */
    private static int ipv4(InetAddress address) {
        byte[] b = address.getAddress();
        int folded = 0;
        for (int i = 0; i < b.length; i += 4) {
            folded ^= (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
        }
        return folded;
    }
}
