package dev.shadowtap.pipeline;

/** An input whose messages pass a {@link Limiter} first; refused ones are counted and skipped. */
public final class LimitedInput extends FilteringInput {
    private final Limiter limiter;

    public LimitedInput(Input input, Limiter limiter) {
        super(input);
        this.limiter = limiter;
    }

    @Override
    Message pass(Message m) {
        if (limiter.allow(m)) {
            return m;
        }
        m.receipt().release(); // refused by the limit: done with, by choice (counted)
        return null;
    }
}
