package dev.shadowtap.io.binary;

import java.util.Objects;

/**
 * The TCP address of an {@code --output-binary}: {@code host:port}, {@code :port} (this machine, as in
 * GoReplay) or {@code [v6]:port}. Resolved when a connection is made, so an unknown host is counted,
 * not fatal, as for {@code --output-http}.
 */
public record BinaryTarget(String host, int port) {
    public BinaryTarget {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
    }

    /** Parses the flag's value; the message of a refusal names the flag and the value. */
    public static BinaryTarget parse(String text) {
        String value = text.strip();
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        String port = colon < 0 ? "" : value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":") || host.contains("/")) {
            host = null; // a bare IPv6 address or a URL: the port cannot be told apart
        }
        if (host == null || !port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
            throw new IllegalArgumentException("--output-binary " + text
                    + ": expected host:port (e.g. staging:6379, :6379 or [::1]:6379)");
        }
        return new BinaryTarget(host.isEmpty() ? "localhost" : host, Integer.parseInt(port));
    }

    /** The address as users write it, for stage names and messages. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
