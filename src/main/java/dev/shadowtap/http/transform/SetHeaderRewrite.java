package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;

/**
 * One {@code --http-set-header 'Name: value'}: replaces the value of the first header of that name in
 * place (later duplicates stay as they are), or adds the header right after the request line, as
 * GoReplay's {@code proto.SetHeader} does. A Host set on a request in absolute form
 * ({@code GET http://prod.example/a}, from proxies) becomes its authority too: a server takes that
 * authority over the Host line, and the set Host must be the one the target sees (GoReplay's Go
 * client sends the URL's authority there, so the set Host is lost).
 */
final class SetHeaderRewrite implements RequestRule {
    private final HeaderValue header;

    SetHeaderRewrite(HeaderValue header) {
        this.header = header;
    }

    @Override
    public Reason apply(EditableRequest request) {
        request.setHeader(header.name(), header.value());
        if (header.name().equalsIgnoreCase("Host")) {
            String target = request.target();
            int authority = schemeEnd(target);
            if (authority > 0) {
                int end = authority;
                while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
                    end++;
                }
                request.target(target.substring(0, authority) + header.value() + target.substring(end));
            }
        }
        return null;
    }

    /** Where the authority of an {@code http://} or {@code https://} target starts (any case), or -1. */
    private static int schemeEnd(String target) {
        for (String scheme : new String[] {"http://", "https://"}) {
            if (target.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return scheme.length();
            }
        }
        return -1;
    }
}
