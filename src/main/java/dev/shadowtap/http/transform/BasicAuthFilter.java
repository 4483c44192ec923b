package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One {@code --http-basic-auth-filter regex}: when the first Authorization header is
 * {@code Basic <base64>}, the decoded {@code user:pass} (UTF-8) must match or the request is dropped.
 * Requests without Basic credentials pass, as in GoReplay. Credentials that are not valid base64
 * cannot be matched and are dropped (GoReplay matched whatever part decoded).
 */
final class BasicAuthFilter implements RequestRule {
    static final Reason REASON = Reason.FILTERED_AUTH;
    private static final String PREFIX = "Basic ";
    private final Pattern regex;

    BasicAuthFilter(Pattern regex) {
        this.regex = regex;
    }

    @Override
    public Reason apply(EditableRequest request) {
        String value = request.header("Authorization");
        if (value == null || !value.startsWith(PREFIX)) {
            return null;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(value.substring(PREFIX.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return REASON;
        }
        return regex.matcher(credentials).find() ? null : REASON;
    }
}
