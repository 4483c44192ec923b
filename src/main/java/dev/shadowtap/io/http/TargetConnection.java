package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.http.FramingResult;
import dev.shadowtap.http.Http1Framer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One keep-alive connection to the target, owned by one worker: sends a request's bytes and reads
 * its response whole with the {@link Http1Framer}, whatever the framing.
 */
final class TargetConnection implements AutoCloseable {
    /** How long a {@code Expect: 100-continue} request waits for the 100 before it sends its body anyway. */
    static final long CONTINUE_WAIT_NANOS = 200_000_000L;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Http1Framer framer;
    private final ArrayDeque<FramingResult> pending = new ArrayDeque<>();
    private final Consumer<FramingResult> toPending = pending::add;
    private final byte[] buffer;
    private boolean eof;
    private int soTimeoutMs = -1;
    private volatile long lastUsedNanos = System.nanoTime();
    /** The running exchange's deadline for the {@link Watchdog}; {@code armed} false between exchanges. */
    private volatile long deadlineNanos;
    private volatile boolean armed;
    private boolean watched;
    /** Exchanges this connection has completed fit for reuse: above 0 it is a kept-alive connection being reused. */
    private int served;
    /** The response stream position when the running exchange's request was written. */
    private long responseStart;

    /** {@code buffer} is the owning worker's read buffer, reused by each connection it opens. */
    TargetConnection(Socket socket, FramingLimits limits, byte[] buffer) throws IOException {
        this.socket = socket;
        this.buffer = buffer;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.framer = Http1Framer.forResponses(limits);
    }

    /** The final response to one request, and what reading it told about the connection. */
    record Reply(FramedMessage response, long startedEpochNanos, boolean reusable, int interim) {
    }

    /**
     * Sends {@code request} and reads until its final response.
     *
     * @param headLength where the body starts in {@code request}
     * @param expectContinue the request carries {@code Expect: 100-continue} and a body: send the head,
     *                       then the body after a 100 or after {@link #CONTINUE_WAIT_NANOS}
     */
    Reply exchange(byte[] request, String method, int headLength, boolean expectContinue, long deadlineNanos)
            throws ReplayFailure {
        framer.expectResponseTo(method);
        responseStart = framer.position();
        long startedWall = -1;
        int interim = 0;
        boolean bodySent = true;
        if (expectContinue && headLength < request.length) {
            write(request, 0, headLength, deadlineNanos);
            bodySent = false;
            long softDeadline = Math.min(deadlineNanos, System.nanoTime() + CONTINUE_WAIT_NANOS);
            while (!bodySent) {
                FramingResult first = next(deadlineNanos, softDeadline);
                if (first == null) {
                    write(request, headLength, request.length - headLength, deadlineNanos);
                    bodySent = true;
                } else {
                    FramedMessage m = ReplayFailure.response(first);
                    startedWall = startedWall < 0 ? Outcomes.nowEpochNanos() : startedWall;
                    if (m.interim()) {
                        interim++;
                        if (m.head().status() == 100) {
                            write(request, headLength, request.length - headLength, deadlineNanos);
                            bodySent = true;
                        }
                    } else {
                        return finish(m, startedWall, interim, false);
                    }
                }
            }
        } else {
            write(request, 0, request.length, deadlineNanos);
        }
        while (true) {
            FramedMessage m = ReplayFailure.response(next(deadlineNanos, Long.MAX_VALUE));
            startedWall = startedWall < 0 ? Outcomes.nowEpochNanos() : startedWall;
            if (!m.interim()) {
                return finish(m, startedWall, interim, bodySent);
            }
            interim++;
        }
    }

    private Reply finish(FramedMessage m, long startedWall, int interim, boolean bodySent) {
        long extra = framer.position() - (m.streamOffset() + m.wireLength());
        boolean reusable = bodySent && !eof && !m.closeDelimited() && extra == 0 && pending.isEmpty()
                && KeepAlive.keepsAlive(m);
        lastUsedNanos = System.nanoTime();
        if (reusable) {
            served++;
        }
        return new Reply(m, startedWall, reusable, interim);
    }

    /** The next framed result; null when {@code softDeadline} passes first. */
    private FramingResult next(long deadlineNanos, long softDeadline) throws ReplayFailure {
        while (pending.isEmpty()) {
            if (eof) {
                throw new ReplayFailure(Reason.CLOSED_EARLY, "connection closed before a response");
            }
            int n;
            try {
                if (softDeadline == Long.MAX_VALUE) {
                    // untimed: the watchdog closes the socket at the deadline; a timed read would cost a timer per read
                    Connector.remainingMillis(deadlineNanos);
                    soTimeout(0);
                } else {
                    soTimeout(Connector.remainingMillis(Math.min(deadlineNanos, softDeadline)));
                }
                n = in.read(buffer);
            } catch (ReplayFailure e) {
                if (softDeadline <= deadlineNanos && System.nanoTime() < deadlineNanos) {
                    return null;
                }
                throw e;
            } catch (SocketTimeoutException e) {
                if (softDeadline < deadlineNanos && System.nanoTime() < deadlineNanos) {
                    return null;
                }
                throw new ReplayFailure(Reason.TIMEOUT, "no complete response within the timeout");
            } catch (IOException e) {
                throw ReplayFailure.of(e, deadlineNanos);
            }
            if (n < 0) {
                eof = true;
                framer.endOfStream(toPending);
            } else {
                framer.feed(buffer, 0, n, toPending);
            }
        }
        return pending.poll();
    }

    private void soTimeout(int ms) throws IOException {
        if (ms != soTimeoutMs) {
            socket.setSoTimeout(ms);
            soTimeoutMs = ms;
        }
    }

    private void write(byte[] b, int off, int len, long deadlineNanos) throws ReplayFailure {
        try {
            out.write(b, off, len);
            out.flush();
        } catch (IOException e) {
            throw ReplayFailure.of(e, deadlineNanos);
        }
    }

    /** Whether an idle connection was closed by the server (or sent bytes nobody asked for): then it is not reused. */
    boolean stale() {
        if (eof || !framer.idle() || socket.isClosed()) {
            return true;
        }
        try {
            soTimeout(1);
            return in.read(buffer, 0, 1) != 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    void armDeadline(long deadline) {
        deadlineNanos = deadline;
        armed = true;
    }

    void disarmDeadline() {
        armed = false;
    }

    boolean deadlinePassed(long nowNanos) {
        return armed && nowNanos - deadlineNanos >= 0;
    }

    /** True the first time only: the watchdog adds the connection to its set once (called by the owning worker). */
    boolean markWatched() {
        boolean first = !watched;
        watched = true;
        return first;
    }

    boolean closed() {
        return socket.isClosed();
    }

    /** Whether this connection had completed an exchange and was kept alive for more. */
    boolean reused() {
        return served > 0;
    }

    /** Whether a reply byte has come since the running (or last) exchange's request was written. */
    boolean replyStarted() {
        return framer.position() != responseStart;
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the descriptor is released either way
        }
    }
}
