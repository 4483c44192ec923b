package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;

/**
 * One {@code --http-set-param name=value}: replaces the value of the first query parameter of that
 * name, or appends {@code ?name=value} (or {@code &name=value}) to the target, before any fragment.
 */
final class SetParamRewrite implements RequestRule {
    private final HeaderValue param;

    SetParamRewrite(HeaderValue param) {
        this.param = param;
    }

    @Override
    public Reason apply(EditableRequest request) {
        String target = request.target();
        QueryParam p = QueryParam.find(target, param.name());
        if (p.present()) {
            request.target(target.substring(0, p.valueStart()) + param.value() + target.substring(p.valueEnd()));
            return null;
        }
        int hash = target.indexOf('#');
        String before = hash < 0 ? target : target.substring(0, hash);
        String after = hash < 0 ? "" : target.substring(hash);
        String sep = before.indexOf('?') < 0 ? "?" : before.endsWith("?") || before.endsWith("&") ? "" : "&";
        request.target(before + sep + param.name() + "=" + param.value() + after);
        return null;
    }
}
