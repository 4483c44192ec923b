package dev.shadowtap.io;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.Output;

import java.util.concurrent.atomic.LongAdder;

/** {@code --output-null}: counts and discards every message. */
public final class NullOutput implements Output {
    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    @Override
    public void write(Message message) {
        messages.increment();
        bytes.add(message.payload().length);
    }

    public long messages() {
        return messages.sum();
    }

    public long bytes() {
        return bytes.sum();
    }
}
