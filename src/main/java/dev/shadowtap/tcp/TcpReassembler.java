package dev.shadowtap.tcp;

/**
 * Reassembles the TCP segments of one shard into ordered byte streams, both directions of each
 * connection tied together, and hands them to a {@link StreamListener}.
 *
 * <ul>
 *   <li>Segments are placed by sequence number with 32-bit wrap-around arithmetic; bytes already
 *       delivered (retransmissions) and bytes already held (overlaps) are trimmed and counted.</li>
 *   <li>In-order data is passed straight from the caller's buffer: no copy, no allocation.
 *       Out-of-order data is copied and held (capped per direction and in total) until the gap
 *       fills, or until it has waited {@link ReassemblyConfig#expire()}: then the gap is reported
 *       ({@link StreamListener#onGap}) and delivery resumes after it. {@link WaitingConnections} keeps
 *       which connections wait, how much they hold and when the oldest wait expires.</li>
 *   <li>A SYN fixes the initial sequence number (a SYN-ACK fixes both); without one a direction
 *       starts at the first segment seen and the connection is {@link TcpConnection#midstream()}.
 *       A FIN ends its direction once every byte before it is delivered; a RST delivers what is in
 *       order, drops (and counts) held data and closes the connection.</li>
 *   <li>Time is the capture time of the segments (never going back), or {@link #tick} for a live
 *       capture without traffic: idle connections close after {@link ReassemblyConfig#idleTimeout()};
 *       beyond {@link ReassemblyConfig#maxConnections()} the least recently active are evicted.</li>
 * </ul>
 *
 * <p>Not thread-safe, and no locks: run one reassembler per shard on one thread, sharding segments
 * by {@link ConnectionHash#shardOf}. The {@link TcpStats} may be shared by all shards.
 */
public final class TcpReassembler {
    private static final Direction[] DIRECTIONS = Direction.values();
    /** TCP's largest window (65535 << 14): data further ahead is not of this stream. */
    private static final long MAX_WINDOW = 1L << 30;

    private final ReassemblyConfig config;
    private final StreamListener listener;
    private final TcpStats stats;
    private final int shard;
    private final int shards;
    private final long idleNs;
    private final long lingerNs;
    private final FlowTable table = new FlowTable();
    private final WaitingConnections waiting;
    private long nowNs = Long.MIN_VALUE;
    private long opened;

    public TcpReassembler(ReassemblyConfig config, StreamListener listener, TcpStats stats) {
        this(config, listener, stats, 0, 1);
    }

    /** Shard {@code shard} of {@code shards}: connection ids are unique across the shards. */
    public TcpReassembler(ReassemblyConfig config, StreamListener listener, TcpStats stats, int shard, int shards) {
        if (shards <= 0 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards);
        }
        this.config = config;
        this.listener = listener;
        this.stats = stats;
        this.shard = shard;
        this.shards = shards;
        this.waiting = new WaitingConnections(stats, config.expire().toNanos(), this::skipGap);
        this.idleNs = config.idleTimeout().toNanos();
        this.lingerNs = config.closedLinger().toNanos();
    }

    /** Takes one segment; the segment and its payload may be reused by the caller afterwards. */
    public void accept(Segment s) {
        int length = s.length();
        stats.segment(length);
        advance(s.timestampNs());
        TcpConnection c = table.find(s);
        if (c != null && c.closed()) {
            if (!startsNewConnection(c, s)) {
                stats.afterClose(length);
                return;
            }
            table.remove(c);
            c = null;
        }
        if (c == null) {
            if (s.rst() || (!s.syn() && length == 0)) {
                stats.noConnection(length);
                return;
            }
            c = open(s);
        }
        table.touch(c, nowNs);
        segment(c, c.directionOf(s), s);
    }

    /** Advances the clock without a segment, so held data and idle connections expire. */
    public void tick(long timestampNs) {
        advance(timestampNs);
    }

    /**
     * The input ended: every gap still waited for is reported, held data delivered, and every
     * connection closed with {@link CloseReason#END}.
     */
    public void finish() {
        TcpConnection c;
        while ((c = table.oldestOpen()) != null) {
            flush(c);
            if (!c.closed()) {
                close(c, CloseReason.END);
            }
        }
        while ((c = table.oldestClosed()) != null) {
            table.remove(c);
        }
    }

    /** Open connections. */
    public int openConnections() {
        return table.openCount();
    }

    /** Connections in the table: open ones and closed ones still remembered. */
    public int connections() {
        return table.size();
    }

    /** Out-of-order bytes held now. */
    public long heldBytes() {
        return waiting.heldBytes();
    }

    /** A SYN or SYN-ACK that is not a retransmission of the one that started its direction. */
    private static boolean startsNewConnection(TcpConnection c, Segment s) {
        if (!s.syn()) {
            return false;
        }
        TcpStream st = c.stream(c.directionOf(s));
        return !(st.exactStart() && st.isn() == s.seq() + 1);
    }

    private TcpConnection open(Segment s) {
        while (table.size() >= config.maxConnections()) {
            evictOldest();
        }
        boolean senderIsClient;
        if (s.syn()) {
            senderIsClient = !s.hasAck();
        } else {
            boolean toServer = config.serverPort().test(s.dstPort());
            boolean fromServer = config.serverPort().test(s.srcPort());
            senderIsClient = toServer != fromServer ? toServer : s.srcPort() >= s.dstPort();
        }
        FlowKey key = senderIsClient ? FlowKey.of(s) : FlowKey.reverseOf(s);
        long id = ++opened * shards + shard;
        TcpConnection c = new TcpConnection(key, id, (int) s.connectionHash(), !s.syn());
        table.add(c, nowNs);
        stats.opened(c.midstream());
        listener.onOpen(c);
        return c;
    }

    private void segment(TcpConnection c, Direction d, Segment s) {
        TcpStream st = c.stream(d);
        int seq = s.seq();
        if (s.syn()) {
            if (!st.started()) {
                st.start(seq + 1, true);
                TcpStream other = c.stream(d.opposite());
                if (s.hasAck() && !other.started()) {
                    other.start(s.ack(), true);
                }
            } else if (startsNewConnection(c, s)) {
                replace(c, s);
                return;
            }
            seq++;
        } else if (!st.started()) {
            st.start(seq, false);
        }
        if (s.length() > 0) {
            receive(c, d, st, seq, s.payload(), s.offset(), s.length(), s.timestampNs());
        }
        if (s.fin() && !c.closed()) {
            fin(c, d, st, seq + s.length(), s.timestampNs());
        }
        if (s.rst() && !c.closed()) {
            reset(c);
        }
    }

    /** A new SYN on a connection's 4-tuple: the old connection is over. */
    private void replace(TcpConnection c, Segment s) {
        flush(c);
        if (!c.closed()) {
            close(c, CloseReason.REPLACED);
        } else {
            table.remove(c);
        }
        TcpConnection fresh = open(s);
        table.touch(fresh, nowNs);
        segment(fresh, fresh.directionOf(s), s);
    }

    private void receive(TcpConnection c, Direction d, TcpStream st, int seq, byte[] b, int off, int len, long ts) {
        while (true) {
            long offset = st.offsetOf(seq);
            long behind = st.position - offset;
            if (behind >= len) {
                stats.retransmitted(len);
                return;
            }
            if (behind > 0) {
                stats.retransmitted(behind);
                off += (int) behind;
                len -= (int) behind;
                seq += (int) behind;
                offset = st.position;
            }
            if (st.ended()) {
                stats.afterClose(len);
                return;
            }
            if (offset - st.position > MAX_WINDOW) {
                stats.outOfWindow(len);
                return;
            }
            if (offset == st.position) {
                deliver(c, d, st, b, off, len, ts);
                if (st.held != null) {
                    drain(c, d, st);
                }
                return;
            }
            HeldData h = st.held;
            boolean streamFull = (h == null ? 0 : h.bytes()) + len > config.maxHeldBytesPerStream()
                    || (h != null && h.count() >= config.maxHeldPiecesPerStream());
            boolean totalFull = waiting.heldBytes() + len > config.maxHeldBytes();
            if (!streamFull && !totalFull) {
                hold(c, st, offset, b, off, len, ts);
                return;
            }
            makeRoom(c, d, st, offset, streamFull);
        }
    }

    /** Gives up on one gap, this direction's or (if only the total cap is hit) the oldest one's. */
    private void makeRoom(TcpConnection c, Direction d, TcpStream st, long offset, boolean streamFull) {
        if (!streamFull && waiting.skipOldest()) {
            return;
        }
        if (st.held != null && !st.held.isEmpty()) {
            skipGap(c, d, st, GapReason.HELD_LIMIT);
        } else {
            gap(c, d, st, offset - st.position, GapReason.HELD_LIMIT);
        }
    }


    private void deliver(TcpConnection c, Direction d, TcpStream st, byte[] b, int off, int len, long ts) {
        st.position += len;
        stats.delivered(len);
        listener.onData(c, d, b, off, len, ts);
    }

    private void hold(TcpConnection c, TcpStream st, long offset, byte[] b, int off, int len, long ts) {
        if (st.held == null) {
            st.held = new HeldData();
        }
        int stored = st.held.insert(offset, b, off, len, ts);
        if (stored < len) {
            stats.overlapping(len - stored);
        }
        if (stored > 0) {
            waiting.held(stored);
        }
        waiting.join(c, ts, nowNs);
    }

    /** Delivers the held pieces that the stream position has reached; ends the direction at its FIN. */
    private void drain(TcpConnection c, Direction d, TcpStream st) {
        HeldData h = st.held;
        while (!h.isEmpty() && h.firstOffset() <= st.position) {
            byte[] piece = h.firstPiece();
            long skip = st.position - h.firstOffset();
            long time = h.firstTimeNs();
            h.removeFirst();
            waiting.release(piece.length);
            if (skip >= piece.length) {
                stats.overlapping(piece.length);
            } else {
                if (skip > 0) {
                    stats.overlapping(skip);
                }
                deliver(c, d, st, piece, (int) skip, piece.length - (int) skip, time);
            }
        }
        if (h.hasFin() && st.position >= h.finOffset()) {
            end(c, d, st);
        } else if (h.done()) {
            dropHeld(c, st);
        }
    }

    private void fin(TcpConnection c, Direction d, TcpStream st, int finSeq, long ts) {
        if (st.ended()) {
            return;
        }
        long finOffset = st.offsetOf(finSeq);
        if (finOffset < st.position) {
            return;
        }
        if (finOffset == st.position) {
            end(c, d, st);
            return;
        }
        if (st.held == null) {
            st.held = new HeldData();
        }
        st.held.fin(finOffset, ts);
        waiting.join(c, ts, nowNs);
    }

    /** The direction's FIN is reached: bytes held beyond it are not part of the stream. */
    private void end(TcpConnection c, Direction d, TcpStream st) {
        if (st.held != null) {
            long beyond = st.held.bytes();
            stats.afterClose(beyond);
            waiting.release(beyond);
            dropHeld(c, st);
        }
        st.end();
        listener.onEnd(c, d);
        if (c.stream(d.opposite()).ended()) {
            close(c, CloseReason.FIN);
        }
    }

    private void reset(TcpConnection c) {
        for (Direction d : DIRECTIONS) {
            TcpStream st = c.stream(d);
            if (st.held != null) {
                long dropped = st.held.bytes();
                stats.rstDropped(dropped);
                waiting.release(dropped);
                dropHeld(c, st);
            }
        }
        close(c, CloseReason.RST);
    }

    /** Reports the first gap of the direction as lost and delivers what follows it. */
    private void skipGap(TcpConnection c, Direction d, TcpStream st, GapReason reason) {
        gap(c, d, st, st.held.nextWaitingOffset() - st.position, reason);
        drain(c, d, st);
    }

    private void gap(TcpConnection c, Direction d, TcpStream st, long length, GapReason reason) {
        if (length > 0) {
            st.position += length;
            stats.gap(reason, length);
            listener.onGap(c, d, length);
        }
    }

    /** Gives up every gap of the connection: all held data is delivered, the gaps reported. */
    private void flush(TcpConnection c) {
        for (Direction d : DIRECTIONS) {
            TcpStream st = c.stream(d);
            while (st.held != null && !c.closed()) {
                skipGap(c, d, st, GapReason.CONNECTION_END);
            }
        }
    }

    private void close(TcpConnection c, CloseReason reason) {
        stats.closed(reason);
        if (reason == CloseReason.FIN || reason == CloseReason.RST) {
            c.markClosed();
            table.closed(c, nowNs);
        } else {
            table.remove(c);
            c.markClosed();
        }
        listener.onClose(c, reason);
    }

    private void evictOldest() {
        TcpConnection c = table.oldestClosed();
        if (c != null) {
            table.remove(c);
            return;
        }
        c = table.oldestOpen();
        flush(c);
        if (!c.closed()) {
            close(c, CloseReason.EVICTED);
        }
    }

    private void advance(long timestampNs) {
        if (timestampNs > nowNs) {
            nowNs = timestampNs;
        }
        waiting.expire(nowNs);
        TcpConnection c;
        while ((c = table.oldestOpen()) != null && nowNs - c.lastSeenNs >= idleNs) {
            flush(c);
            if (!c.closed()) {
                close(c, CloseReason.IDLE);
            }
        }
        while ((c = table.oldestClosed()) != null && nowNs - c.lastSeenNs >= lingerNs) {
            table.remove(c);
        }
    }

    private void dropHeld(TcpConnection c, TcpStream st) {
        st.held = null;
        waiting.leaveIfDone(c);
    }
}
