package dev.shadowtap.pipeline;

import java.io.IOException;
import java.util.Objects;

/**
 * An input seen through a step that may leave messages out or change them ({@link #pass}):
 * {@link #read()} reads the wrapped input until a message passes. {@link #ready()} reads ahead, without
 * waiting, what the wrapped input has at hand, until a message passes, and keeps it for the next read;
 * a failure met while reading ahead is thrown by that read. It does not pass {@link #handTo} on: its step
 * runs on the emitter's reader thread, never on a live capture's own thread, so a costly step (a user's
 * regex) cannot slow the thread that drains the capture's ring (docs/ARCHITECTURE.md, "Input.handTo").
 */
abstract class FilteringInput implements Input {
    private final Input input;
    /** A message that passed, read ahead by {@link #ready()}: the reader's only. */
    private Message next;
    /** What a read ahead failed with, thrown by the next {@link #read()}. */
    private IOException failure;

    FilteringInput(Input input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    /** What goes on for {@code m}: a message, or null when {@code m} is left out (its receipt released, counted). */
    abstract Message pass(Message m);

    @Override
    public final Message read() throws IOException, InterruptedException {
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
            Message out = pass(m);
            if (out != null) {
                return out;
            }
        }
        return null;
    }

    @Override
    public final boolean ready() {
        while (next == null && failure == null && input.ready()) {
            try {
                Message m = input.read();
                if (m == null) {
                    return false;
                }
                next = pass(m);
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
    public final boolean live() {
        return input.live();
    }

    @Override
    public final void close() throws IOException {
        input.close();
    }
}
