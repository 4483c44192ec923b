package dev.shadowtap.io.raw;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.Connection;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.http.PairingOptions;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.tcp.CloseReason;
import dev.shadowtap.tcp.Direction;
import dev.shadowtap.tcp.StreamListener;
import dev.shadowtap.tcp.TcpConnection;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * {@code --input-raw-protocol binary}: no HTTP framing. Each run of bytes one way, until the other
 * end sends (or the direction ends, or the connection closes), is one message: the client's a
 * request (type 1), the server's a response (type 2) answering the client run before it. A run is
 * timed by its first packet, and its latency field is the time from its first to its last packet, as
 * GoReplay 1.2+ writes it. Every message of one connection has the connection's id, as GoReplay gives
 * one id per keep-alive connection: a binary protocol's requests often depend on the ones before on
 * their connection (a login, a selected database), so {@code --output-binary} replays each id on a
 * connection of its own, in order, and the comparison pairs the n-th request of an id with its n-th answers.
 * While the capture waits for a lost segment of one end (up to {@code --input-raw-expire}), what the
 * other end sends meanwhile is delivered first and may join one run.
 *
 * <p>Losses are counted on the input's stage: a run a TCP gap cut as {@code incomplete} (dropped, and the
 * answer to a cut request counted {@code response-without-request}; with {@code --input-raw-allow-incomplete}
 * emitted as it arrived, without the lost bytes), bytes past
 * {@code --copy-buffer-size} as {@code truncated} (the first bytes are emitted), a server run before any
 * client run as {@code response-without-request} (only with {@code --input-raw-track-response}).
 */
final class BinaryStreams implements StreamListener {
    private final boolean trackResponse;
    private final boolean allowIncomplete;
    private final int maxBytes;
    private final RequestIds ids;
    private final StageStats stage;
    private final Consumer<Message> out;

    /** One connection's state: the run in progress and the last request's id. */
    private static final class Turns {
        final Connection connection;
        final String id;
        final ByteArrayOutputStream run = new ByteArrayOutputStream();
        Direction direction;
        long runStartNs;
        long runEndNs;
        boolean runTruncated;
        boolean runCut;
        /** A client run was emitted and no answer to it yet: the next server run answers it. */
        boolean answerable;

        Turns(Connection connection, String id) {
            this.connection = connection;
            this.id = id;
        }
    }

    BinaryStreams(PairingOptions config, RequestIds ids, StageStats stage, Consumer<Message> out) {
        this.trackResponse = config.trackResponse();
        this.allowIncomplete = config.allowIncomplete();
        this.maxBytes = Math.max(1, config.maxBodyBytes());
        this.ids = ids;
        this.stage = stage;
        this.out = out;
    }

    @Override
    public void onOpen(TcpConnection connection) {
    }

    @Override
    public void onData(TcpConnection connection, Direction direction, byte[] bytes, int offset, int length, long timestampNs) {
        if (length == 0) {
            return;
        }
        Turns t = turns(connection);
        if (t.direction != direction) {
            flush(t);
            t.direction = direction;
            t.runStartNs = timestampNs;
        }
        t.runEndNs = timestampNs;
        int room = maxBytes - t.run.size();
        if (length > room) {
            t.runTruncated = true;
        }
        t.run.write(bytes, offset, Math.min(length, Math.max(0, room)));
    }

    /** The run the gap falls in (a new one if the other end was sending) is cut: it goes on until the other end sends, then is counted. */
    @Override
    public void onGap(TcpConnection connection, Direction direction, long length) {
        Turns t = turns(connection);
        if (t.direction != direction) {
            flush(t);
            t.direction = direction;
        }
        t.runCut = true;
    }

    @Override
    public void onEnd(TcpConnection connection, Direction direction) {
        if (connection.attachment() instanceof Turns t && t.direction == direction) {
            flush(t);
        }
    }

    @Override
    public void onClose(TcpConnection connection, CloseReason reason) {
        if (connection.attachment() instanceof Turns t) {
            flush(t);
            connection.attach(null);
        }
    }

    private Turns turns(TcpConnection connection) {
        if (connection.attachment() instanceof Turns t) {
            return t;
        }
        dev.shadowtap.core.Connection pipelineConnection = connection.toPipelineConnection();
        Turns t = new Turns(pipelineConnection, ids.next(pipelineConnection));
        connection.attach(t);
        return t;
    }

    /** Emits the run in progress, if any, and starts none: the next bytes start a new run. */
    private void flush(Turns t) {
        if (t.run.size() == 0 && !t.runCut) {
            t.direction = null;
            return;
        }
        byte[] payload = t.run.toByteArray();
        boolean client = t.direction == Direction.FROM_CLIENT;
        boolean cut = t.runCut;
        boolean truncated = t.runTruncated;
        long spanNs = Math.max(0, t.runEndNs - t.runStartNs);
        t.run.reset();
        t.runCut = false;
        t.runTruncated = false;
        t.direction = null;
        if (cut && !allowIncomplete) {
            if (client) {
                t.answerable = false; // its answer has no request to pair with
                stage.drop(Reason.INCOMPLETE);
            } else if (trackResponse) {
                stage.drop(Reason.INCOMPLETE);
            }
            return;
        }
        if (client) {
            t.answerable = true;
            if (truncated) {
                stage.drop(Reason.TRUNCATED);
            }
            out.accept(new Message(MessageType.REQUEST, t.id, t.runStartNs, spanNs, payload, t.connection));
        } else if (trackResponse) {
            if (!t.answerable) {
                stage.drop(Reason.RESPONSE_WITHOUT_REQUEST);
                return;
            }
            t.answerable = false; // one answer per request: pairing by id goes in turns
            if (truncated) {
                stage.drop(Reason.TRUNCATED);
            }
            out.accept(new Message(MessageType.RESPONSE, t.id, t.runStartNs, spanNs, payload, t.connection));
        }
    }
}
