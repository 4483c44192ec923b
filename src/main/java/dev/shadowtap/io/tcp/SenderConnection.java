package dev.shadowtap.io.tcp;

import dev.shadowtap.core.Log;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One of a TCP output's connections ({@code --output-tcp-workers}): connects (again, with back-off),
 * writes its queue's head records in gathering writes and takes each off only once the kernel took
 * all of it, so a record is never left half-sent: when the connection breaks it goes whole over the
 * next one. A reader watches
 * for the peer's end of the stream (a receiver that stops half-closes) and the connection then stops
 * writing, closes and reconnects.
 */
final class SenderConnection implements Runnable {
    private final int index;
    private final TcpOutputConfig config;
    private final SSLSocketFactory tls;
    private final SendQueues queues;
    private final AtomicLong sent;
    private final AtomicBoolean peerDownSaid;
    private final Refusals refusals;
    private final Log log;
    private final String name;
    /** How long a new TLS connection waits for a refusal before its first record. */
    private static final Duration TLS_SETTLE = Duration.ofMillis(300);
    /** How long a connection waits to reconnect after its receiver said it is stopping. */
    private static final Duration AFTER_RECEIVER_STOPS = Duration.ofSeconds(2);
    /** How many bytes of queued records one gathering write takes at most. */
    private static final int BATCH_BYTES = 256 << 10;
    /** Buffers per gathering write (the kernel takes at most IOV_MAX, 1024). */
    private static final int MAX_GATHER = 1023;

    private volatile Socket socket;
    /** Why the receiver refused the current connection, set by its watcher; null while it did not. */
    private volatile String refusal;
    /** Records written whole on the current connection: lost when the receiver refused it. */
    private long writtenHere;

    /** {@code peerDownSaid} is shared by the output's connections: one line when the peer goes, one when it is back. */
    SenderConnection(int index, TcpOutputConfig config, SSLSocketFactory tls, SendQueues queues, AtomicLong sent,
                     AtomicBoolean peerDownSaid, Refusals refusals, Log log) {
        this.peerDownSaid = peerDownSaid;
        this.refusals = refusals;
        this.index = index;
        this.config = config;
        this.tls = tls;
        this.queues = queues;
        this.sent = sent;
        this.log = log;
        this.name = "output-tcp " + config.address() + " #" + (index + 1);
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff(config.limits().firstRetry(), config.limits().maxRetry());
        boolean refusedBefore = false;
        try {
            while (true) {
                if (queues.closing() && (queues.empty(index) || queues.nanosLeft() <= 0)) {
                    return;
                }
                Socket s;
                try {
                    s = connect();
                } catch (IOException e) {
                    queues.state(index, SendQueues.State.DOWN);
                    if (queues.up() == 0 && peerDownSaid.compareAndSet(false, true)) {
                        log.warn("output-tcp " + config.address() + ": cannot connect (" + reason(e)
                                + "); retrying with back-off up to " + config.limits().maxRetry().toSeconds() + "s");
                    }
                    queues.pause(backoff.failed().toNanos());
                    continue;
                }
                long generation = queues.state(index, SendQueues.State.UP);
                if (!refusedBefore) {
                    if (peerDownSaid.compareAndSet(true, false)) {
                        log.info("output-tcp " + config.address() + ": connected again");
                    }
                    backoff.succeeded();
                }
                End end = send(s, generation);
                refusedBefore = end == End.REFUSED;
                if (end != End.STOPPING) {
                    queues.state(index, SendQueues.State.DOWN);
                }
                if (end == End.REFUSED) {
                    queues.pause(backoff.failed().toNanos());
                } else if (end == End.STOPPING && !queues.closing()) {
                    // The receiver is stopping: its listener closes soon after, and a connection made
                    // before that sits unread in its backlog and is reset with what was written to it.
                    queues.pause(AFTER_RECEIVER_STOPS.toNanos());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly();
        }
    }

    /** How a connection ended: the receiver stopping (or we are closing), a failure, or a refusal. */
    private enum End { STOPPING, FAILED, REFUSED }

    /** Writes records until closing, the peer's end, a failure or the receiver's refusal. */
    private End send(Socket s, long generation) throws InterruptedException {
        socket = s;
        refusal = null;
        writtenHere = 0;
        Thread watcher = Thread.ofPlatform().daemon().name(name + " peer").start(() -> watchPeer(s, generation));
        List<RecordEncoder.Encoded> batch = new ArrayList<>();
        try {
            OutputStream out = s instanceof SSLSocket ? s.getOutputStream() : null;
            while (true) {
                batch.clear();
                int n = queues.next(index, batch, BATCH_BYTES);
                if (refusal != null) {
                    refused();
                    return End.REFUSED;
                }
                if (n == 0) {
                    if (!queues.closing() && peerDownSaid.compareAndSet(false, true)) {
                        log.info("output-tcp " + config.address() + ": the receiver closed the connections (stopping, or gone);"
                                + " reconnecting with back-off");
                    }
                    s.shutdownOutput();
                    return End.STOPPING;
                }
                if (out == null) {
                    writeGathered(s.getChannel(), batch);
                } else {
                    for (RecordEncoder.Encoded record : batch) {
                        out.write(record.bytes());
                        written(1);
                    }
                }
            }
        } catch (IOException e) {
            if (refusal != null) {
                refused();
                return End.REFUSED;
            }
            if ((!queues.closing() || queues.nanosLeft() > 0) && peerDownSaid.compareAndSet(false, true)) {
                log.warn("output-tcp " + config.address() + ": connection lost (" + reason(e) + "); the record in"
                        + " flight goes again whole on the next connection; reconnecting with back-off");
            }
            return End.FAILED;
        } finally {
            closeQuietly();
            watcher.interrupt();
        }
    }

    /**
     * Writes a batch in as few system calls as the socket takes; a record leaves the queue once the
     * kernel has taken all of it, so one cut by a failure stays at the head and goes again whole.
     */
    private void writeGathered(SocketChannel channel, List<RecordEncoder.Encoded> batch) throws IOException {
        int n = batch.size() * 3;
        ByteBuffer[] buffers = new ByteBuffer[n];
        for (int k = 0; k < batch.size(); k++) {
            batch.get(k).buffers(buffers, 3 * k);
        }
        int done = 0;
        while (done < n) {
            channel.write(buffers, done, Math.min(n - done, MAX_GATHER));
            int whole = done;
            while (whole + 3 <= n && !buffers[whole + 2].hasRemaining()) {
                whole += 3;
            }
            if (whole > done) {
                written((whole - done) / 3);
                done = whole;
            }
        }
    }

    private void written(int records) {
        queues.sent(index, records);
        sent.addAndGet(records);
        writtenHere += records;
    }

    /** The receiver refused this connection: what was written on it is lost, counted, said once. */
    private void refused() {
        refusals.refused(writtenHere, refusal);
        sent.addAndGet(-writtenHere);
        writtenHere = 0;
    }

    /**
     * Reads the peer's side, which never carries data: its end means the receiver is stopping. Bytes
     * from it mean it refused the stream (a TLS receiver answers a plaintext sender with an alert):
     * the connection is then dropped as failed.
     */
    private void watchPeer(Socket s, long generation) {
        byte[] sink = new byte[512];
        try {
            InputStream in = s.getInputStream();
            int n;
            while ((n = in.read(sink)) >= 0) {
                if (n > 0) {
                    refusal = n >= 2 && sink[0] == 0x15 && sink[1] == 0x03
                            ? "it answered with a TLS alert: it expects TLS (--output-tcp-secure)"
                            : "it sent " + n + " byte(s), which no shadowtap or GoReplay receiver does";
                    closeQuietly();
                    break;
                }
            }
        } catch (IOException e) {
            // the connection is gone; the writer finds out on its next write
        }
        queues.wake(index, generation);
    }

    /**
     * Fails when the socket is connected to itself: with nothing listening on a local port of the
     * ephemeral range, the kernel may pick that very port for this end, and TCP's simultaneous open then
     * joins the socket to itself; records written to it come back to it instead of reaching a receiver
     * (and it holds the port a restarting receiver binds). Go's net package makes the same check.
     */
    static void refuseSelfConnection(Socket s) throws IOException {
        if (s.getLocalSocketAddress() != null && s.getLocalSocketAddress().equals(s.getRemoteSocketAddress())) {
            throw new IOException("connected to itself: nothing listens on " + s.getRemoteSocketAddress());
        }
    }

    private Socket connect() throws IOException {
        Socket plain = SocketChannel.open().socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(config.address().connectAddress(), (int) config.limits().connectTimeout().toMillis());
            refuseSelfConnection(plain);
            if (tls == null) {
                return plain;
            }
            SSLSocket secure = (SSLSocket) tls.createSocket(plain,
                    config.address().connectAddress().getHostString(), config.address().port(), true);
            if (config.verifyHostname()) {
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
            }
            secure.setSoTimeout((int) config.limits().connectTimeout().toMillis());
            try {
                secure.startHandshake();
            } catch (SocketTimeoutException e) {
                throw new IOException("no TLS answer within " + config.limits().connectTimeout().toSeconds()
                        + "s: is the receiver started with --input-tcp-secure?");
            }
            settle(secure);
            secure.setSoTimeout(0);
            return secure;
        } catch (java.nio.channels.UnresolvedAddressException e) {
            plain.close();
            throw new java.net.UnknownHostException(config.address().host());
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /**
     * In TLS 1.3 the client's handshake is over before the server has judged the client's certificate:
     * a receiver that refuses it says so just after. Waiting that long for its word before the first
     * record keeps records from going into a connection that is already refused.
     */
    private static void settle(SSLSocket secure) throws IOException {
        secure.setSoTimeout((int) TLS_SETTLE.toMillis());
        try {
            if (secure.getInputStream().read() < 0) {
                throw new IOException("the receiver closed the connection after the TLS handshake");
            }
        } catch (SocketTimeoutException quiet) {
            // nothing said: accepted
        }
    }

    /** Ends the current connection at once (a write blocked past the closing deadline). */
    void abort() {
        closeQuietly();
    }

    private void closeQuietly() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    static String reason(Exception e) {
        String message = e.getMessage();
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + (message == null ? "" : message.replaceFirst("/?<unresolved>.*", ""));
        }
        if (message != null && message.contains("PKIX path building failed")) {
            return "the receiver's certificate is not signed by a CA this sender trusts (--output-tcp-ca, or"
                    + " --output-tcp-skip-verify)";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

}
