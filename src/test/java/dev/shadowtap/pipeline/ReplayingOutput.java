package dev.shadowtap.pipeline;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Like a real replay output: every request written comes back, a millisecond later, as a replayed
 * response on its input side (other messages, e.g. replies a relay hands it, are ignored).
 */
final class ReplayingOutput extends RecordingOutput implements Input {
    private static final Message END = TestMessages.request(-1);
    private final LinkedBlockingQueue<Message> replies = new LinkedBlockingQueue<>();

    @Override
    public void write(Message message) throws IOException, InterruptedException {
        if (!message.isRequest()) {
            return;
        }
        super.write(message);
        Thread.sleep(1);
        replies.put(new Message(MessageType.REPLAYED, message.id(), message.timestampNs(), 5, message.payload()));
    }

    @Override
    public Message read() throws InterruptedException {
        Message m = replies.take();
        return m == END ? null : m;
    }

    @Override
    public synchronized void close() {
        super.close();
        replies.add(END);
    }
}
