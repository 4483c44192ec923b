package dev.shadowtap.pipeline;

import java.io.IOException;

/** An input whose messages pass a {@link Limiter} first; refused ones are counted and skipped. */
public final class LimitedInput implements Input {
    private final Input input;
    private final Limiter limiter;
    /** A message the limit allowed, read ahead by {@link #ready()}: the reader's only. */
    private Message next;
    /** What a read ahead failed with, thrown by the next {@link #read()}. */
    private IOException failure;

    public LimitedInput(Input input, Limiter limiter) {
        this.input = input;
        this.limiter = limiter;
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
        while (true) {
            Message message = input.read();
            if (message == null || limiter.allow(message)) {
                return message;
            }
            message.receipt().release(); // refused by the limit: done with, by choice (counted)
        }
    }

    /** True when an allowed message is at hand: reads ahead, without waiting, what the input has at hand. */
    @Override
    public boolean ready() {
        while (next == null && failure == null && input.ready()) {
            try {
                Message m = input.read();
                if (m == null) {
                    return false;
                }
                if (limiter.allow(m)) {
                    next = m;
                } else {
                    m.receipt().release(); // refused by the limit: done with, by choice (counted)
                }
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

    @Override
    public boolean live() {
        return input.live();
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
