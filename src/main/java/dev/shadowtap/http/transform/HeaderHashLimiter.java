package dev.shadowtap.http.transform;

import dev.shadowtap.core.Fnv32a;

import dev.shadowtap.core.Reason;

/**
 * One {@code --http-header-limiter 'Name: 25%'}: keeps a request when FNV-32a of its first header of
 * that name, mod 100, is below the percentage. Requests without the header (or with an empty value)
 * are kept, as in GoReplay.
 */
final class HeaderHashLimiter implements RequestRule {
    static final Reason REASON = Reason.SAMPLED_OUT_HEADER;
    private final HashLimiter limiter;

    HeaderHashLimiter(HashLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Reason apply(EditableRequest request) {
        String value = request.header(limiter.name());
        if (value == null || value.isEmpty()) {
            return null;
        }
        return Fnv32a.keeps(Fnv32a.hash(value, 0, value.length()), limiter.percent()) ? null : REASON;
    }
}
