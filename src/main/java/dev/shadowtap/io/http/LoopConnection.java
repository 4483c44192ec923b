package dev.shadowtap.io.http;

import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.http.FramingResult;
import dev.shadowtap.http.Http1Framer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One non-blocking keep-alive connection of a {@link LoopWorkers}: its channel and selection key, the
 * framer reading its responses, the bytes still to write and the exchange it carries (null when idle),
 * with the steps of that exchange on this connection. Touched only by the loop's thread.
 */
final class LoopConnection {
    /** How long a {@code Expect: 100-continue} request waits for the 100 before it sends its body anyway. */
    private static final long CONTINUE_WAIT_NANOS = TargetConnection.CONTINUE_WAIT_NANOS;

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

    /** A non-blocking connection to {@code address}, connected already or connecting, registered with {@code selector}. */
    static LoopConnection open(InetSocketAddress address, Selector selector, FramingLimits limits, ByteBuffer staging)
            throws IOException {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(address);
            return new LoopConnection(channel, connected, selector, limits, staging);
        } catch (IOException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * The JDK's one-time set-up for a first connection (the address cache's policy, which reads
     * java.security, and the native library behind socket options), done before the first request
     * needs it rather than on its way to the target.
     */
    static void warmUp(String host, int port) {
        try (SocketChannel warm = SocketChannel.open()) {
            new InetSocketAddress(host, port);
            warm.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException | RuntimeException e) {
            // the first real connect meets and reports whatever this did
        }
    }

    /** Readies {@link #exchange}'s request to be written (its head only, first, when it expects a 100). */
    void prepareWrite() {
        LoopExchange ex = exchange;
        byte[] bytes = ex.wire.bytes();
        framer.expectResponseTo(ex.wire.method());
        ex.responseStart = framer.position();
        if (ex.wire.expectContinue() && ex.wire.headLength() < bytes.length) {
            out = ByteBuffer.wrap(bytes, 0, ex.wire.headLength());
            ex.bodySent = false;
            ex.continueAtNanos = Math.min(ex.deadlineNanos, System.nanoTime() + CONTINUE_WAIT_NANOS);
        } else {
            out = ByteBuffer.wrap(bytes);
            ex.bodySent = true;
            ex.continueAtNanos = 0;
        }
    }

    /** Sends the body of a request that waited for a 100 (or waited long enough). */
    void sendBody() throws IOException {
        LoopExchange ex = exchange;
        byte[] bytes = ex.wire.bytes();
        ex.bodySent = true;
        ex.continueAtNanos = 0;
        if (out != null) {
            out.limit(bytes.length); // the head is still going out: the body follows it in the same array
        } else {
            out = ByteBuffer.wrap(bytes, ex.wire.headLength(), bytes.length - ex.wire.headLength());
        }
        flush();
    }

    /** Completes a connect the selector said is ready. */
    void finishConnect() throws IOException {
        channel.finishConnect();
        connected = true;
    }

    /**
     * Frames what a read of {@code n} bytes into {@code buffer} brought (through {@code array}, which the
     * framer reads), or the end of the stream when {@code n} is negative; results go to {@link #pending}.
     */
    void frame(int n, ByteBuffer buffer, byte[] array) {
        if (n < 0) {
            eof = true;
            framer.endOfStream(toPending);
        } else {
            buffer.get(0, array, 0, n);
            framer.feed(array, 0, n, toPending);
        }
    }

    /** Whether the connection may carry another request after {@code m}, the final response to its exchange. */
    boolean reusableAfter(FramedMessage m) {
        LoopExchange ex = exchange;
        long extra = framer.position() - (m.streamOffset() + m.wireLength());
        return ex.bodySent && out == null && !eof && !m.closeDelimited() && extra == 0
                && pending.isEmpty() && KeepAlive.keepsAlive(m) && !ex.wire.closeAfter();
    }

    /** Whether a reply byte has come on this connection since {@code ex}'s request was written on it. */
    boolean replyStarted(LoopExchange ex) {
        return framer.position() != ex.responseStart;
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

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // never opened fully
            }
        }
    }
}
