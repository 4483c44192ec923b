package dev.shadowtap.pipeline;

import java.io.IOException;

/** An input whose messages pass a {@link Limiter} first; refused ones are counted and skipped. */
public final class LimitedInput implements Input {
    private final Input input;
    private final Limiter limiter;

    public LimitedInput(Input input, Limiter limiter) {
        this.input = input;
        this.limiter = limiter;
    }

    @Override
    public Message read() throws IOException, InterruptedException {
        while (true) {
            Message message = input.read();
            if (message == null || limiter.allow(message)) {
                return message;
            }
            message.receipt().release(); // refused by the limit: done with, by choice (counted)
        }
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
