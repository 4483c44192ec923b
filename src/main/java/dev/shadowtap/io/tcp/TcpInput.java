package dev.shadowtap.io.tcp;

import dev.shadowtap.core.LinkDetail;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.pipeline.Message;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --input-tcp}: listens where it is told (only then) and reads GoReplay's {@code --output-tcp}
 * stream from any number of senders at once, a virtual thread per connection ({@link PeerConnection}),
 * into one bounded queue. With TLS it needs the listener's PEM pair and, with a client CA, a client
 * certificate signed by it. Never ends by itself; {@link #close()} stops accepting, asks every sender
 * to stop (half-closes), reads what they still send for the drain bound, then {@link #read()} ends.
 */
public final class TcpInput implements Input {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final TcpInputConfig config;
    private final StageStats stage;
    private final Log log;
    private final ServerSocket server;
    private final SSLContext tls;
    private final ReceivedQueue queue;
    private final Set<PeerConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private final RefusalLog refusals;
    private volatile boolean closed;
    /** False once the drain after {@link #close()} is over and the listener closed. */
    private volatile boolean listening = true;
    /** After a close, how long the listener stays open for connections still in its backlog. */
    private static final long BACKLOG_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How often the accept thread looks whether closing began. */
    private static final int ACCEPT_POLL_MILLIS = 50;
    /** When the listener closes, once {@link #closed}. */
    private volatile long closeListenerAt;

    private TcpInput(TcpInputConfig config, StageStats stage, Log log, ServerSocket server, SSLContext tls) {
        this.refusals = new RefusalLog(log);
        this.config = config;
        this.stage = stage;
        this.log = log;
        this.server = server;
        this.tls = tls;
        this.queue = new ReceivedQueue(config.limits().queueCapacity(), config.limits().queueBytes());
        stage.queueDepth(queue::size);
    }

    /** Binds the listener (one line naming the address when it cannot) and starts accepting. */
    public static TcpInput open(TcpInputConfig config, StageStats stage, Log log) throws IOException {
        return open(config, stage, log, () -> { });
    }

    /** As {@link #open(TcpInputConfig, StageStats, Log)}; {@code beforeAccept} runs on the accept thread before each accept (tests: a slow accept thread). */
    static TcpInput open(TcpInputConfig config, StageStats stage, Log log, Runnable beforeAccept) throws IOException {
        SSLContext tls = config.tls().isPresent() ? TlsContexts.server(config.tls().get()) : null;
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(config.address().bindAddress(), 128);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException("--input-tcp " + config.address() + ": cannot listen (" + SenderConnection.reason(e) + ")");
        }
        try {
            server.setSoTimeout(ACCEPT_POLL_MILLIS);
        } catch (IOException e) {
            server.close();
            throw new IOException("--input-tcp " + config.address() + ": cannot listen (" + SenderConnection.reason(e) + ")");
        }
        TcpInput input = new TcpInput(config, stage, log, server, tls);
        Thread.ofPlatform().daemon().name("input-tcp " + config.address() + " accept").start(() -> input.accept(beforeAccept));
        return input;
    }

    /** The port listened on (the one given, or the one the system chose for port 0). */
    public int port() {
        return server.getLocalPort();
    }

    /** Where it listens, as the log says it. */
    public String describe() {
        InetSocketAddress local = (InetSocketAddress) server.getLocalSocketAddress();
        return (config.address().host().isEmpty() ? "every interface" : local.getAddress().getHostAddress())
                + ", port " + local.getPort() + (tls == null ? "" : ", TLS"
                + (config.tls().orElseThrow().clientCa().isPresent() ? " with client certificates" : ""));
    }

    /**
     * Accepts until the backlog grace after {@link #close()} is over, then takes what is left in the
     * backlog and only then closes the listener: this thread alone closes it, so a connection the kernel
     * completed is never reset with the records its sender counts as sent, and {@link #read()} never
     * sees the end while an accepted connection is not counted yet.
     */
    private void accept(Runnable beforeAccept) {
        while (true) {
            beforeAccept.run();
            if (closed && System.nanoTime() - closeListenerAt >= 0) {
                takeBacklogAndStopListening();
                return;
            }
            try {
                admit(server.accept());
            } catch (SocketTimeoutException e) {
                // nothing came: look at closing again
            } catch (IOException e) {
                log.warn("input-tcp " + config.address() + ": accept failed (" + SenderConnection.reason(e) + ")");
                pauseAfterFailedAccept(); // e.g. out of file descriptors: do not spin
            }
        }
    }

    /** Accepts every connection already completed (none waits), then closes the listener. */
    private void takeBacklogAndStopListening() {
        try {
            server.setSoTimeout(1);
            while (true) {
                admit(server.accept());
            }
        } catch (IOException e) {
            // timed out: the backlog is empty (or the listener failed: closing it anyway)
        } finally {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
            listening = false;
        }
    }

    private void admit(Socket socket) {
        try {
            socket.setKeepAlive(true);
        } catch (IOException e) {
            // a connection already gone: its reader finds out
        }
        active.incrementAndGet();
        PeerConnection[] self = new PeerConnection[1];
        self[0] = new PeerConnection(socket, config, tls, queue, stage, log, refusals, () -> {
            open.remove(self[0]);
            active.decrementAndGet();
        });
        open.add(self[0]);
        if (closed) {
            self[0].askToStop();
        }
        Thread.ofPlatform().daemon().name("input-tcp " + config.address() + " peer").start(self[0]);
    }

    private static void pauseAfterFailedAccept() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next record of any connection; null once closed, every connection ended and the queue read. */
    @Override
    public Message read() throws InterruptedException {
        while (true) {
            Message message = queue.poll(POLL_NANOS);
            if (message != null) {
                return message;
            }
            if (closed && active.get() == 0 && !listening) {
                return queue.poll(0);
            }
        }
    }

    /** A record if one comes within {@code nanos}, else null (for callers that must not block for good). */
    Message poll(long nanos) throws InterruptedException {
        return queue.poll(nanos);
    }

    /** How its listener stands, for the live views: senders connected now, records queued. */
    public LinkDetail link() {
        return LinkDetail.of(stage, () -> new LinkDetail.State("tcp-in", connections(), -1, queue.size(), ""));
    }

    /** Connections open now. */
    public int connections() {
        return active.get();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closeListenerAt = System.nanoTime() + BACKLOG_GRACE_NANOS;
        closed = true;
        open.forEach(PeerConnection::askToStop);
        // the listener stays open a moment: a sender's connection the kernel already completed (in the
        // backlog, not accepted yet) holds records the sender counts as sent; closing the listener at once
        // would reset it and lose them, so the accept thread takes the backlog, asks each to stop and
        // reads it like the others, then closes the listener (accept)
        Thread.ofVirtual().name("input-tcp " + config.address() + " drain").start(() -> {
            try {
                Thread.sleep(config.limits().drain().toMillis());
            } catch (InterruptedException e) {
                // end the drain now
            }
            open.forEach(PeerConnection::close);
        });
    }
}
