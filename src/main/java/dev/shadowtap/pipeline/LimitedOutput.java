package dev.shadowtap.pipeline;

import java.io.IOException;

/** An output that writes only the messages its {@link Limiter} lets through; the rest are counted. */
public final class LimitedOutput implements Output, DeliveryLosses {
    private final Output output;
    private final Limiter limiter;
    private final boolean requestsOnly;

    public LimitedOutput(Output output, Limiter limiter) {
        this(output, limiter, false);
    }

    /**
     * With {@code requestsOnly}, only requests spend the limit and may be dropped; other messages pass
     * untouched. For an HTTP replay output, where {@code |500} means 500 requests a second and the
     * recorded responses beside them are never sent anyway.
     */
    public LimitedOutput(Output output, Limiter limiter, boolean requestsOnly) {
        this.output = output;
        this.limiter = limiter;
        this.requestsOnly = requestsOnly;
    }

    @Override
    public void write(Message message) throws IOException, InterruptedException {
        boolean passes = requestsOnly ? !message.isRequest() || limiter.allow() : limiter.allow(message);
        if (passes) {
            output.write(message);
        }
    }

    /** What the limited output lost (what the limit dropped is counted apart and is no loss). */
    @Override
    public java.util.Optional<String> lossLine() {
        return output instanceof DeliveryLosses delivering ? delivering.lossLine() : java.util.Optional.empty();
    }

    @Override
    public void close() throws IOException {
        output.close();
    }
}
