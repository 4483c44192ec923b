package dev.shadowtap.tcp;

import dev.shadowtap.core.Connection;

import java.net.InetSocketAddress;

/**
 * One TCP connection, both directions tied together. The listener sees it in every call and may
 * keep its own per-connection state in the {@link #attach attachment}. Addresses are built on
 * demand, so an idle connection costs only its key and a few fields.
 */
public final class TcpConnection {
    private static final byte MIDSTREAM = 1;
    private static final byte CLOSED = 2;

    private final FlowKey key;
    private final long id;
    final int hash;
    final TcpStream client = new TcpStream();
    final TcpStream server = new TcpStream();
    private byte flags;
    private Object attachment;

    // flow table links: hash bucket chain and the age-ordered list (active or closed)
    TcpConnection bucketNext;
    TcpConnection older;
    TcpConnection newer;
    long lastSeenNs;
    /** Index in the reassembler's list of connections with waiting data, or -1. */
    int waitingIndex = -1;

    TcpConnection(FlowKey key, long id, int hash, boolean midstream) {
        this.key = key;
        this.id = id;
        this.hash = hash;
        this.flags = midstream ? MIDSTREAM : 0;
    }

    /** The client-to-server 4-tuple. */
    public FlowKey key() {
        return key;
    }

    /** Unique among the connections of all shards of one run; never 0. */
    public long id() {
        return id;
    }

    /** The first segment seen was not a SYN: the streams start somewhere in the middle. */
    public boolean midstream() {
        return (flags & MIDSTREAM) != 0;
    }

    public InetSocketAddress client() {
        return key.source();
    }

    public InetSocketAddress server() {
        return key.destination();
    }

    /** This connection as the pipeline's metadata record (source = client). */
    public Connection toPipelineConnection() {
        return new Connection(client(), server(), id);
    }

    public boolean ended(Direction direction) {
        return stream(direction).ended();
    }

    public boolean closed() {
        return (flags & CLOSED) != 0;
    }

    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        attachment = value;
    }

    TcpStream stream(Direction direction) {
        return direction == Direction.FROM_CLIENT ? client : server;
    }

    /** The direction a segment of this connection travels. */
    Direction directionOf(Segment s) {
        return key.matches(s) ? Direction.FROM_CLIENT : Direction.FROM_SERVER;
    }

    void markClosed() {
        flags |= CLOSED;
    }

    boolean waiting() {
        return client.waiting() || server.waiting();
    }

    @Override
    public String toString() {
        return "connection " + id + " " + key;
    }
}
