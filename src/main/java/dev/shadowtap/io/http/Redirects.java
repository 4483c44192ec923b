package dev.shadowtap.io.http;

import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.HttpHead;

import java.net.URI;
import java.util.Locale;

/** {@code --output-http-redirects}: the request a redirect response asks for, on the target's own origin. */
final class Redirects {
    private Redirects() {
    }

    /** The request to send next, or null when {@code response} is not a redirect to follow (other host, no Location). */
    static OutgoingRequest next(OutgoingRequest wire, FramedMessage response, ReplayTarget target) {
        int status = response.head().status();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return null;
        }
        String location = response.head().header("Location").orElse(null);
        if (location == null || location.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(location.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (uri.isAbsolute() && !target.sameOrigin(uri)) {
            return null;
        }
        HttpHead head = HttpHead.tryParse(wire.bytes()).orElse(null);
        if (head == null) {
            return null;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.startsWith("/")) {
            URI base = URI.create("http://x" + head.target().replaceAll("[?#].*$", ""));
            path = base.resolve(path).getRawPath();
        }
        String newTarget = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String method = head.method().toUpperCase(Locale.ROOT);
        boolean asGet = status == 303 ? !method.equals("HEAD")
                : (status == 301 || status == 302) && method.equals("POST");
        byte[] bytes = RequestBytes.redirected(wire.bytes(), head, newTarget, asGet);
        return RequestBytes.forTarget(bytes, target, true);
    }
}
