package dev.shadowtap.pipeline;

import java.util.Objects;

/**
 * An {@link Input} seen through a {@link Transform}: {@link #read()} reads from the wrapped input
 * until a message passes the transform, and returns that message (or null when the input ends).
 */
public final class TransformedInput extends FilteringInput {
    private final Transform transform;

    public TransformedInput(Input input, Transform transform) {
        super(input);
        this.transform = Objects.requireNonNull(transform, "transform");
    }

    @Override
    Message pass(Message m) {
        Message out = transform.apply(m);
        if (out != null) {
            // a transform that built a new message keeps the input's receipt on it
            return out.receipt() == m.receipt() ? out : out.withReceipt(m.receipt());
        }
        m.receipt().release(); // filtered out: done with, by choice (counted by the transform)
        return null;
    }
}
