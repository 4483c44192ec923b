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
    /** A message that passed, read ahead by {@link #ready()}: the reader's only. */
    private Message next;
    /** What a read ahead failed with, thrown by the next {@link #read()}. */
    private IOException failure;

    public TransformedInput(Input input, Transform transform) {
        this.input = Objects.requireNonNull(input, "input");
        this.transform = Objects.requireNonNull(transform, "transform");
    }

    @Override
    public Message read() throws IOException, InterruptedException {
        if (failure != null) {
            IOException e = failure;
            failure = null;
            throw e;
        }
        if (next != null) {
            Message m = next;
            next = null;
            return m;
        }
        Message m;
        while ((m = input.read()) != null) {
            Message out = passed(m);
            if (out != null) {
                return out;
            }
        }
        return null;
    }

    /** True when a message that passes is at hand: reads ahead, without waiting, what the input has at hand. */
    @Override
    public boolean ready() {
        while (next == null && failure == null && input.ready()) {
            try {
                Message m = input.read();
                if (m == null) {
                    return false;
                }
                next = passed(m);
            } catch (IOException e) {
                failure = e; // read() throws it
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return next != null || failure != null;
    }

    /** The message the transform made of m, or null when it filtered m out. */
    private Message passed(Message m) {
        Message out = transform.apply(m);
        if (out != null) {
            // a transform that built a new message keeps the input's receipt on it
            return out.receipt() == m.receipt() ? out : out.withReceipt(m.receipt());
        }
        m.receipt().release(); // filtered out: done with, by choice (counted by the transform)
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
