package dev.shadowtap.http.transform;

import java.util.List;
import java.util.regex.Pattern;

/** {@code --http-disallow-url}: a request is dropped when any of the regexes matches its URL (see {@link UrlText}). */
final class UrlDisallowFilter implements RequestRule {
    static final String REASON = "filtered-url";
    private final List<Pattern> regexes;

    UrlDisallowFilter(List<Pattern> regexes) {
        this.regexes = List.copyOf(regexes);
    }

    @Override
    public String apply(EditableRequest request) {
        return UrlText.anyMatches(regexes, request) ? REASON : null;
    }
}
