package dev.shadowtap.http.transform;

import dev.shadowtap.core.Fnv32a;

import dev.shadowtap.core.Reason;

/**
 * One {@code --http-param-limiter 'name: 25%'}: keeps a request when FNV-32a of the raw value of its
 * query parameter, mod 100, is below the percentage. Requests without the parameter are kept; a
 * present but empty value is hashed like any other, as in GoReplay.
 */
final class ParamHashLimiter implements RequestRule {
    static final Reason REASON = Reason.SAMPLED_OUT_PARAM;
    private final HashLimiter limiter;

    ParamHashLimiter(HashLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Reason apply(EditableRequest request) {
        String target = request.target();
        QueryParam p = QueryParam.find(target, limiter.name());
        if (!p.present()) {
            return null;
        }
        return Fnv32a.keeps(Fnv32a.hash(target, p.valueStart(), p.valueEnd()), limiter.percent()) ? null : REASON;
    }
}
