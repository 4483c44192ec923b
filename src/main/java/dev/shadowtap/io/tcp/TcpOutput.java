package dev.shadowtap.io.tcp;

import dev.shadowtap.core.LinkDetail;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Fnv32a;
import dev.shadowtap.core.SessionKey;
import dev.shadowtap.pipeline.DeliveryLosses;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.pipeline.Output;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --output-tcp}: sends requests and original responses (GoReplay's {@code isOriginPayload};
 * replayed responses are skipped and counted {@code not-original}) in .gor form to another
 * instance's {@code --input-tcp}, over {@code workers} connections, round robin or, sticky, by FNV-32a
 * of the id as GoReplay deals them.
 *
 * <p>Unlike GoReplay's, a record reaches the peer whole or goes again whole over the next connection;
 * reconnects back off; the queues are bounded, and what cannot be delivered is counted: {@code
 * peer-down} (the queue full while the peer cannot be reached), {@code queue-full} (full for the
 * stall bound while the peer is connected but takes nothing), {@code unsent-at-close} (closing waits
 * for the flush bound, then counts what is left).
 */
public final class TcpOutput implements Output, DeliveryLosses {
    private final TcpOutputConfig config;
    private final StageStats stage;
    private final Log log;
    private final SendQueues queues;
    private final RecordEncoder encoder = new RecordEncoder();
    private final List<SenderConnection> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean peerDownSaid = new AtomicBoolean();
    private final Thread reporter;
    private volatile boolean closed;
    private boolean droppingSaid;

    public TcpOutput(TcpOutputConfig config, StageStats stage, Log log) throws IOException {
        this.config = config;
        this.stage = stage;
        this.log = log;
        TcpOutputConfig.Limits limits = config.limits();
        this.queues = new SendQueues(config.workers(), limits.perConnection(), limits.maxBytes(), limits.stall().toNanos());
        SSLSocketFactory tls = config.tls().isPresent() ? TlsContexts.client(config.tls().get()).getSocketFactory() : null;
        stage.queueDepth(queues::depth);
        Refusals refusals = new Refusals(toString(), stage, log);
        for (int i = 0; i < config.workers(); i++) {
            SenderConnection connection = new SenderConnection(i, config, tls, queues, sent, peerDownSaid, refusals, log);
            connections.add(connection);
            threads.add(Thread.ofPlatform().daemon().name("output-tcp " + config.address() + " #" + (i + 1)).start(connection));
        }
        reporter = config.stats() ? Thread.ofVirtual().name("output-tcp stats").start(this::report) : null;
    }

    @Override
    public void write(Message message) throws InterruptedException {
        if (message.type() == MessageType.REPLAYED) {
            stage.skipped(Reason.NOT_ORIGINAL);
            return;
        }
        int sticky = !config.sticky() ? -1
                : connectionOf(config.bySession() ? SessionKey.of(message.id()) : message.id(), config.workers());
        switch (queues.offer(encoder.encode(message), sticky)) {
            case QUEUED -> droppingSaid = false;
            case PEER_DOWN -> {
                stage.drop(Reason.PEER_DOWN);
                if (!droppingSaid) {
                    droppingSaid = true;
                    log.warn("output-tcp " + config.address() + ": the peer cannot be reached and the queue is full;"
                            + " records are dropped (counted peer-down) until it is back");
                }
            }
            case STALLED -> stage.drop(Reason.QUEUE_FULL);
            case CLOSED -> stage.drop(Reason.OUTPUT_CLOSED);
        }
    }

    /** GoReplay's sticky choice: FNV-32a of the id, unsigned, modulo the connections. */
    static int connectionOf(String id, int workers) {
        return Integer.remainderUnsigned(Fnv32a.hash(id, 0, id.length()), workers);
    }

    /** How its connections stand, for the live views: up of configured, records queued. */
    public LinkDetail link() {
        return LinkDetail.of(stage, () -> {
            int up = queues.up();
            return new LinkDetail.State("tcp-out", up, config.workers(), queues.depth(),
                    up == 0 && !closed ? "the peer cannot be reached" : "");
        });
    }

    /** Records sent whole so far. */
    public long sent() {
        return sent.get();
    }

    /**
     * Sends what is queued for at most the flush bound, then ends every connection (the peer reads
     * to its end) and counts what is left {@code unsent-at-close}. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long flushNanos = config.limits().flush().toNanos();
        queues.close(System.nanoTime() + flushNanos);
        boolean interrupted = false;
        try {
            joinAll(flushNanos + 200_000_000L);
            connections.forEach(SenderConnection::abort);
            joinAll(1_000_000_000L);
        } catch (InterruptedException e) {
            interrupted = true;
            connections.forEach(SenderConnection::abort);
        }
        if (reporter != null) {
            reporter.interrupt();
        }
        int left = queues.clear();
        if (left > 0) {
            stage.drops(Reason.UNSENT_AT_CLOSE, left); // said in the exit's loss line
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void joinAll(long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        for (Thread thread : threads) {
            long left = until - System.nanoTime();
            if (left > 0) {
                thread.join(java.time.Duration.ofNanos(left));
            }
        }
    }

    private void report() {
        try {
            while (true) {
                Thread.sleep(config.limits().statsInterval());
                log.info(statsLine());
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public Optional<String> lossLine() {
        long peerDown = stage.dropped(Reason.PEER_DOWN);
        long queueFull = stage.dropped(Reason.QUEUE_FULL);
        long unsent = stage.dropped(Reason.UNSENT_AT_CLOSE);
        long closed = stage.dropped(Reason.OUTPUT_CLOSED);
        long refused = stage.dropped(Reason.PEER_REFUSED);
        long lost = peerDown + queueFull + unsent + closed + refused;
        if (lost == 0) {
            return Optional.empty();
        }
        return Optional.of(this + ": " + lost + " record(s) not delivered (peer-down " + peerDown + ", queue-full "
                + queueFull + ", unsent-at-close " + unsent + ", peer-refused " + refused + ", output-closed " + closed + ")");
    }

    /** The {@code --output-tcp-stats} line. */
    String statsLine() {
        return "output-tcp " + config.address() + ": queued " + queues.depth() + ", connections up " + queues.up()
                + "/" + config.workers() + ", sent " + sent.get() + ", peer-down " + stage.dropped(Reason.PEER_DOWN)
                + ", queue-full " + stage.dropped(Reason.QUEUE_FULL);
    }

    @Override
    public String toString() {
        return "output-tcp " + config.address();
    }
}
