package dev.shadowtap.io.http;

import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.http.FramingResult;
import dev.shadowtap.http.Http1Framer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One non-blocking keep-alive connection of a {@link LoopWorkers}: its channel and selection key, the
 * framer reading its responses, the bytes still to write and the exchange it carries (null when idle).
 * Touched only by the loop's thread.
 */
final class LoopConnection {
    final SocketChannel channel;
    final SelectionKey key;
    final Http1Framer framer;
    final ArrayDeque<FramingResult> pending = new ArrayDeque<>();
    final Consumer<FramingResult> toPending = pending::add;
    LoopExchange exchange;
    boolean connected;
    boolean eof;
    /** Request bytes not yet accepted by the socket, or null. */
    ByteBuffer out;
    /** The loop's native buffer the bytes of {@link #out} are copied into for each write (shared, one thread). */
    private final ByteBuffer staging;
    long lastUsedNanos = System.nanoTime();
    /** Exchanges this connection has completed: above 0 it is a kept-alive connection being reused. */
    int served;

    LoopConnection(SocketChannel channel, boolean connected, Selector selector, FramingLimits limits,
                   ByteBuffer staging) throws IOException {
        this.channel = channel;
        this.staging = staging;
        this.connected = connected;
        this.framer = Http1Framer.forResponses(limits);
        this.key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
    }

    /**
     * Writes what the socket takes now; asks for OP_WRITE while bytes remain. True when all is written.
     * The bytes go through the staging buffer, at most its size a call, until the socket takes less:
     * what the JDK does with a heap buffer, less its per-call lookup of a temporary native buffer.
     */
    boolean flush() throws IOException {
        if (out == null) {
            return true;
        }
        while (out.hasRemaining()) {
            int n = Math.min(out.remaining(), staging.capacity());
            staging.clear();
            staging.put(out.array(), out.arrayOffset() + out.position(), n).flip();
            int written = channel.write(staging);
            out.position(out.position() + written);
            if (written < n) {
                break; // the socket is full: OP_WRITE says when it takes more
            }
        }
        if (out.hasRemaining()) {
            if ((key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
            return false;
        }
        out = null;
        if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) {
            key.interestOps(SelectionKey.OP_READ);
        }
        return true;
    }

    void close() {
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // the descriptor is released either way
        }
    }
}
