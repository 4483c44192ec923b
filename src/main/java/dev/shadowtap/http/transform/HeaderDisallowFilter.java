package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;

/**
 * One {@code --http-disallow-header 'Name: regex'}: a request is dropped when the value of its first
 * header of that name matches. A request without the header passes, as in GoReplay.
 */
final class HeaderDisallowFilter implements RequestRule {
    static final Reason REASON = Reason.FILTERED_HEADER;
    private final HeaderFilter filter;

    HeaderDisallowFilter(HeaderFilter filter) {
        this.filter = filter;
    }

    @Override
    public Reason apply(EditableRequest request) {
        String value = request.header(filter.name());
        return value != null && !value.isEmpty() && filter.regex().matcher(value).find() ? REASON : null;
    }
}
