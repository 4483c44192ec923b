package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;

import java.util.List;
import java.util.regex.Pattern;

/** {@code --http-disallow-url}: a request is dropped when any of the regexes matches its URL (see {@link UrlText}). */
final class UrlDisallowFilter implements RequestRule {
    static final Reason REASON = Reason.FILTERED_URL;
    private final List<Pattern> regexes;

    UrlDisallowFilter(List<Pattern> regexes) {
        this.regexes = List.copyOf(regexes);
    }

    @Override
    public Reason apply(EditableRequest request) {
        return UrlText.anyMatches(regexes, request) ? REASON : null;
    }
}
