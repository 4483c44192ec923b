package dev.shadowtap.pipeline;

import dev.shadowtap.core.StageStats;

/**
 * A per-message step between an input and the outputs: filters, rewrites, sampling. Returns the
 * message (the same one, or a new one made with {@link Message#withPayload}) or null to drop it.
 * An implementation counts every drop on its own {@link StageStats} and never throws for bad input.
 */
@FunctionalInterface
public interface Transform {
    /** Lets every message through unchanged. */
    Transform IDENTITY = m -> m;

    /** The message to pass on, possibly a new one, or null when this message is dropped. */
    Message apply(Message message);

    /** This transform, then {@code next} on what it passes. */
    default Transform andThen(Transform next) {
        return m -> {
            Message out = apply(m);
            return out == null ? null : next.apply(out);
        };
    }
}
