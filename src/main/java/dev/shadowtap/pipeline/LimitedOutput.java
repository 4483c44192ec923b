package dev.shadowtap.pipeline;

import java.io.IOException;

/** An output that writes only the messages its {@link Limiter} lets through; the rest are counted. */
public final class LimitedOutput implements Output {
    private final Output output;
    private final Limiter limiter;

    public LimitedOutput(Output output, Limiter limiter) {
        this.output = output;
        this.limiter = limiter;
    }

    @Override
    public void write(Message message) throws IOException, InterruptedException {
        if (limiter.allow()) {
            output.write(message);
        }
    }

    @Override
    public void close() throws IOException {
        output.close();
    }
}
