package dev.shadowtap.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Keeps what it was given, in order; remembers how many it held when closed. */
class RecordingOutput implements Output {
    private final List<Message> messages = new ArrayList<>();
    private volatile int closedWith = -1;
    private volatile int closeCount;

    @Override
    public void write(Message message) throws IOException, InterruptedException {
        synchronized (this) {
            messages.add(message);
        }
    }

    synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    @Override
    public synchronized void close() {
        closedWith = messages.size();
        closeCount++;
    }

    boolean closed() {
        return closedWith >= 0;
    }

    int closedWith() {
        return closedWith;
    }

    int closeCount() {
        return closeCount;
    }
}
