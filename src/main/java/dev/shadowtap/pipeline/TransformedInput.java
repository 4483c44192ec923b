package dev.shadowtap.pipeline;

import java.io.IOException;
import java.util.Objects;

/**
 * An {@link Input} seen through a {@link Transform}: {@link #read()} reads from the wrapped input
 * until a message passes the transform, and returns that message (or null when the input ends).
 */
public final class TransformedInput implements Input {
    private final Input input;
    private final Transform transform;

    public TransformedInput(Input input, Transform transform) {
        this.input = Objects.requireNonNull(input, "input");
        this.transform = Objects.requireNonNull(transform, "transform");
    }

    @Override
    public Message read() throws IOException, InterruptedException {
        Message m;
        while ((m = input.read()) != null) {
            Message out = transform.apply(m);
            if (out != null) {
                // a transform that built a new message keeps the input's receipt on it
                return out.receipt() == m.receipt() ? out : out.withReceipt(m.receipt());
            }
            m.receipt().release(); // filtered out: done with, by choice (counted by the transform)
        }
        return null;
    }

    @Override
    public boolean live() {
        return input.live();
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
