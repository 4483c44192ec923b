package dev.shadowtap.io.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Where replayed requests go, parsed from the {@code --output-http} URL.
 *
 * @param tls           https
 * @param host          host name or IP literal (without brackets)
 * @param port          explicit port, or 80 / 443
 * @param hostHeader    the Host value requests get: {@code host} or {@code host:port} when the port is not the default
 * @param authorization {@code Basic ...} from {@code user:pass@}, or null
 */
record ReplayTarget(boolean tls, String host, int port, String hostHeader, String authorization) {

    /** Parses a target URL; one-line {@link IllegalArgumentException} naming the URL when it is not usable. */
    static ReplayTarget of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("--output-http " + uri + ": needs an http:// or https:// URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("--output-http " + uri + ": " + missingHost(uri.getRawAuthority()));
        }
        boolean tls = scheme.equals("https");
        int defaultPort = tls ? 443 : 80;
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--output-http " + uri + ": port " + port + " is not from 1 to 65535");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String hostHeader = port == defaultPort ? host : host + ":" + port;
        String auth = null;
        if (uri.getRawUserInfo() != null) {
            String userInfo = java.net.URLDecoder.decode(uri.getRawUserInfo().replace("+", "%2B"), StandardCharsets.UTF_8);
            auth = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        }
        return new ReplayTarget(tls, bare, port, hostHeader, auth);
    }

    /** Why a URL has no host: java.net.URI gives none when the port after the last colon is not a number. */
    private static String missingHost(String authority) {
        int colon = authority == null ? -1 : authority.lastIndexOf(':');
        if (colon > 0 && authority.charAt(colon - 1) != ':' && authority.indexOf(']', colon) < 0) {
            return "port '" + authority.substring(colon + 1) + "' is not a number from 1 to 65535";
        }
        return "no host in the URL";
    }

    /** {@code host:port} for log lines. */
    String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Whether {@code uri} (absolute) points at this target. */
    boolean sameOrigin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals(tls ? "https" : "http") || uri.getHost() == null) {
            return false;
        }
        int p = uri.getPort() < 0 ? (tls ? 443 : 80) : uri.getPort();
        String h = uri.getHost();
        h = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        return p == port && h.equalsIgnoreCase(host);
    }
}
