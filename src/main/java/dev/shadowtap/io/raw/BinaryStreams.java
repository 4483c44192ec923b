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
 * request (type 1, a fresh id), the server's a response (type 2) with the id of the client run
 * before it and the latency from that run's first packet. A run is timed by its first packet.
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

    /** One connection's state: the run in progress and the last request's id and time. */
    private static final class Turns {
        final Connection connection;
        final ByteArrayOutputStream run = new ByteArrayOutputStream();
        Direction direction;
        long runStartNs;
        boolean runTruncated;
        boolean runCut;
        String requestId;
        long requestNs;

        Turns(Connection connection) {
            this.connection = connection;
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
        Turns t = new Turns(connection.toPipelineConnection());
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
        t.run.reset();
        t.runCut = false;
        t.runTruncated = false;
        t.direction = null;
        if (cut && !allowIncomplete) {
            if (client) {
                t.requestId = null; // its answer has no request to pair with
                stage.drop(Reason.INCOMPLETE);
            } else if (trackResponse) {
                stage.drop(Reason.INCOMPLETE);
            }
            return;
        }
        if (client) {
            t.requestId = ids.next(t.connection);
            t.requestNs = t.runStartNs;
            if (truncated) {
                stage.drop(Reason.TRUNCATED);
            }
            out.accept(new Message(MessageType.REQUEST, t.requestId, t.runStartNs, Message.NO_LATENCY, payload, t.connection));
        } else if (trackResponse) {
            if (t.requestId == null) {
                stage.drop(Reason.RESPONSE_WITHOUT_REQUEST);
                return;
            }
            if (truncated) {
                stage.drop(Reason.TRUNCATED);
            }
            out.accept(new Message(MessageType.RESPONSE, t.requestId, t.runStartNs, Math.max(0, t.runStartNs - t.requestNs),
                    payload, t.connection));
        }
    }
}
