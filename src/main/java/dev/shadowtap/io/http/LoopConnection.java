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
    long lastUsedNanos = System.nanoTime();
    /** Exchanges this connection has completed: above 0 it is a kept-alive connection being reused. */
    int served;

    LoopConnection(SocketChannel channel, boolean connected, Selector selector, FramingLimits limits) throws IOException {
        this.channel = channel;
        this.connected = connected;
        this.framer = Http1Framer.forResponses(limits);
        this.key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
    }

    /** Writes what the socket takes now; asks for OP_WRITE while bytes remain. True when all is written. */
    boolean flush() throws IOException {
        if (out == null) {
            return true;
        }
        channel.write(out);
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
