package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;

import java.util.List;

/**
 * All {@code --http-rewrite-url} rules: the first rule whose regex matches the request target rewrites
 * every match in it (Go's {@code ReplaceAll}); later rules are not tried, as in GoReplay. Only the
 * request line changes, so Content-Length is unaffected.
 */
final class UrlRewriter implements RequestRule {
    private record Rule(UrlRewrite rewrite, GoTemplate template) {
    }

    private final List<Rule> rules;

    UrlRewriter(List<UrlRewrite> rewrites) {
        this.rules = rewrites.stream().map(r -> new Rule(r, GoTemplate.parse(r.replacement()))).toList();
    }

    @Override
    public Reason apply(EditableRequest request) {
        String target = request.target();
        for (Rule r : rules) {
            String rewritten = r.template.replaceAll(r.rewrite.regex(), target);
            if (rewritten != null) {
                request.target(rewritten);
                return null;
            }
        }
        return null;
    }
}
