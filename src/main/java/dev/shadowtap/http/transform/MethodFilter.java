package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;

import java.util.List;

/** {@code --http-allow-method}: a request passes when its method is one of the given ones, in any case. */
final class MethodFilter implements RequestRule {
    static final Reason REASON = Reason.FILTERED_METHOD;
    private final List<String> methods;

    MethodFilter(List<String> methods) {
        this.methods = List.copyOf(methods);
    }

    @Override
    public Reason apply(EditableRequest request) {
        String method = request.method();
        for (String m : methods) {
            if (m.equalsIgnoreCase(method)) {
                return null;
            }
        }
        return REASON;
    }

    @Override
    public boolean dropsUnreadable() {
        return true;
    }
}
