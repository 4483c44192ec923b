package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;

/**
 * One {@code --http-rewrite-header 'Name: regex,replacement'}: when the value of the first header of
 * that name matches, every match in it is replaced (Go's {@code ReplaceAll}) and the value set in
 * place. Each rule sees the result of the rules before it. GoReplay stops all later header rewrites
 * at the first rule whose header is missing; here a missing header only skips its own rule.
 */
final class HeaderRewriter implements RequestRule {
    private final HeaderRewrite rewrite;
    private final GoTemplate template;

    HeaderRewriter(HeaderRewrite rewrite) {
        this.rewrite = rewrite;
        this.template = GoTemplate.parse(rewrite.replacement());
    }

    @Override
    public Reason apply(EditableRequest request) {
        String value = request.header(rewrite.name());
        if (value == null || value.isEmpty()) {
            return null;
        }
        String rewritten = template.replaceAll(rewrite.regex(), value);
        if (rewritten != null && !rewritten.equals(value)) {
            request.setHeader(rewrite.name(), stripLineBreaks(rewritten));
        }
        return null;
    }

    /** A replacement can only bring line breaks in through the template; never let one split the head. */
    private static String stripLineBreaks(String s) {
        return s.indexOf('\r') < 0 && s.indexOf('\n') < 0 ? s : s.replace("\r", "").replace("\n", "");
    }
}
