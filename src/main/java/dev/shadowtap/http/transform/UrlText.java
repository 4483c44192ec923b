package dev.shadowtap.http.transform;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The text URL filters match. GoReplay's code matches the request target as written on the request
 * line ({@code /path?query}, or the absolute URL of a proxy request), while its help says "full url
 * with domain" ({@code --http-allow-url ^www.}). Both work here: a regex matches when it finds a match
 * in the target, or in {@code Host + target} when the target is a path and a Host header exists
 * ({@code www.example.com/path?query}; no scheme).
 */
final class UrlText {
    private UrlText() {
    }

    static boolean anyMatches(List<Pattern> regexes, EditableRequest request) {
        String target = request.target();
        String withHost = null;
        if (target.startsWith("/")) {
            String host = request.header("Host");
            if (host != null && !host.isEmpty()) {
                withHost = host + target;
            }
        }
        for (Pattern p : regexes) {
            if (p.matcher(target).find() || (withHost != null && p.matcher(withHost).find())) {
                return true;
            }
        }
        return false;
    }
}
