package dev.shadowtap.io.raw;

import dev.shadowtap.http.HttpExchange;
import dev.shadowtap.http.HttpPairing;
import dev.shadowtap.tcp.CloseReason;
import dev.shadowtap.tcp.Direction;
import dev.shadowtap.tcp.StreamListener;
import dev.shadowtap.tcp.TcpConnection;

/**
 * The reassembler's streams to {@link HttpPairing}: each connection's HTTP state rides on it as its
 * attachment, made on the first byte (connections that never carry data cost nothing here) and
 * dropped when the connection closes.
 */
final class HttpStreams implements StreamListener {
    private final HttpPairing pairing;

    HttpStreams(HttpPairing pairing) {
        this.pairing = pairing;
    }

    @Override
    public void onOpen(TcpConnection connection) {
    }

    @Override
    public void onData(TcpConnection connection, Direction direction, byte[] bytes, int offset, int length, long timestampNs) {
        pairing.data(exchange(connection), direction == Direction.FROM_CLIENT, bytes, offset, length, timestampNs);
    }

    @Override
    public void onGap(TcpConnection connection, Direction direction, long length) {
        pairing.gap(exchange(connection), direction == Direction.FROM_CLIENT, length);
    }

    @Override
    public void onEnd(TcpConnection connection, Direction direction) {
        if (connection.attachment() instanceof HttpExchange ex) {
            pairing.end(ex, direction == Direction.FROM_CLIENT);
        }
    }

    @Override
    public void onClose(TcpConnection connection, CloseReason reason) {
        if (connection.attachment() instanceof HttpExchange ex) {
            pairing.close(ex);
            connection.attach(null);
        }
    }

    private HttpExchange exchange(TcpConnection connection) {
        if (connection.attachment() instanceof HttpExchange ex) {
            return ex;
        }
        HttpExchange ex = pairing.open(connection.toPipelineConnection(), connection.midstream());
        connection.attach(ex);
        return ex;
    }
}
