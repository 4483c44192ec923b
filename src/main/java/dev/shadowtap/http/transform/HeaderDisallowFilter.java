package dev.shadowtap.http.transform;

/**
 * One {@code --http-disallow-header 'Name: regex'}: a request is dropped when the value of its first
 * header of that name matches. A request without the header passes, as in GoReplay.
 */
final class HeaderDisallowFilter implements RequestRule {
    static final String REASON = "filtered-header";
    private final HeaderFilter filter;

    HeaderDisallowFilter(HeaderFilter filter) {
        this.filter = filter;
    }

    @Override
    public String apply(EditableRequest request) {
        String value = request.header(filter.name());
        return value != null && !value.isEmpty() && filter.regex().matcher(value).find() ? REASON : null;
    }
}
