package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;

/**
 * One {@code --http-allow-header 'Name: regex'}: a request passes when the value of its first header
 * of that name matches. A request without the header (or with an empty value) is dropped, as in GoReplay.
 * Several allow-header flags must all pass.
 */
final class HeaderAllowFilter implements RequestRule {
    static final Reason REASON = Reason.FILTERED_HEADER;
    private final HeaderFilter filter;

    HeaderAllowFilter(HeaderFilter filter) {
        this.filter = filter;
    }

    @Override
    public Reason apply(EditableRequest request) {
        String value = request.header(filter.name());
        return value != null && !value.isEmpty() && filter.regex().matcher(value).find() ? null : REASON;
    }

    @Override
    public boolean dropsUnreadable() {
        return true;
    }
}
