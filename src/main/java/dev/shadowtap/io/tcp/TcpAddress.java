package dev.shadowtap.io.tcp;

import java.net.InetSocketAddress;

/**
 * A TCP address as Go's {@code net.Listen}/{@code net.Dial} take it: {@code host:port},
 * {@code [v6]:port}, or {@code :port}, which for a listener means every interface.
 *
 * @param host the host, empty for {@code :port}
 * @param port 0-65535 (0 lets a listener take any free port)
 */
public record TcpAddress(String host, int port) {
    public TcpAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
    }

    /** Parses {@code text}; an {@link IllegalArgumentException} says in a few words what is wrong. */
    public static TcpAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("missing port in address (host:port or :port)");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an IPv6 address goes in brackets, as [::1]:28020");
        }
        String port = text.substring(colon + 1);
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("port '" + port + "' is not a number");
        }
        return new TcpAddress(host, Integer.parseInt(port));
    }

    /** Where a listener binds: the wildcard address for {@code :port}. */
    InetSocketAddress bindAddress() {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** Where a sender connects (resolved now, so a changed DNS entry is seen on the next connection). */
    InetSocketAddress connectAddress() {
        return new InetSocketAddress(host.isEmpty() ? "localhost" : host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
