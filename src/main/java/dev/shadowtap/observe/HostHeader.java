package dev.shadowtap.observe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** The {@code Host} header of a request to a loopback server: which values name this machine's loopback. */
final class HostHeader {
    private HostHeader() {
    }

    /** True for {@code localhost}, {@code *.localhost} and loopback address literals, with or without a port. */
    static boolean isLocal(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end > 0 && loopbackLiteral(name.substring(1, end));
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        return name.matches("[0-9.]+") && loopbackLiteral(name);
    }

    /** An address as it is usually written: {@code 127.0.0.1}, {@code [::1]}. */
    static String literal(InetAddress address) {
        String text = address.getHostAddress();
        if (text.indexOf(':') < 0) {
            return text;
        }
        return "[" + (address.isLoopbackAddress() ? "::1" : text) + "]";
    }

    /** Only literals: never a lookup of a name. */
    private static boolean loopbackLiteral(String literal) {
        if (!literal.matches("[0-9a-f.:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
