package dev.shadowtap.tcp;

/**
 * The connections of one reassembler: a chained hash table looked up straight from a
 * {@link Segment} (no key object per lookup), and two lists ordered by last activity, one of open
 * connections (for idle expiry and eviction, oldest first) and one of closed connections kept for a
 * short while so late retransmissions are recognised rather than opening a new connection.
 * Intrusive links live in {@link TcpConnection}: no entry objects.
 */
final class FlowTable {
    private TcpConnection[] buckets = new TcpConnection[1024];
    private int size;
    private final AgeList open = new AgeList();
    private final AgeList closed = new AgeList();

    int size() {
        return size;
    }

    int openCount() {
        return open.size;
    }

    TcpConnection find(Segment s) {
        int hash = (int) s.connectionHash();
        for (TcpConnection c = buckets[hash & (buckets.length - 1)]; c != null; c = c.bucketNext) {
            if (c.hash == hash && (c.key().matches(s) || c.key().matchesReversed(s))) {
                return c;
            }
        }
        return null;
    }

    void add(TcpConnection c, long nowNs) {
        if (size >= buckets.length - (buckets.length >>> 2)) {
            grow();
        }
        int index = c.hash & (buckets.length - 1);
        c.bucketNext = buckets[index];
        buckets[index] = c;
        size++;
        c.lastSeenNs = nowNs;
        open.append(c);
    }

    /** Marks activity: the connection becomes the newest of its list. */
    void touch(TcpConnection c, long nowNs) {
        c.lastSeenNs = nowNs;
        AgeList list = c.closed() ? closed : open;
        if (list.newest != c) {
            list.unlink(c);
            list.append(c);
        }
    }

    /** Moves a connection that was just closed to the closed list. */
    void closed(TcpConnection c, long nowNs) {
        open.unlink(c);
        c.lastSeenNs = nowNs;
        closed.append(c);
    }

    void remove(TcpConnection c) {
        int index = c.hash & (buckets.length - 1);
        if (buckets[index] == c) {
            buckets[index] = c.bucketNext;
        } else {
            TcpConnection prev = buckets[index];
            while (prev.bucketNext != c) {
                prev = prev.bucketNext;
            }
            prev.bucketNext = c.bucketNext;
        }
        c.bucketNext = null;
        size--;
        (c.closed() ? closed : open).unlink(c);
    }

    TcpConnection oldestOpen() {
        return open.oldest;
    }

    TcpConnection oldestClosed() {
        return closed.oldest;
    }

    private void grow() {
        TcpConnection[] old = buckets;
        buckets = new TcpConnection[old.length * 2];
        int mask = buckets.length - 1;
        for (TcpConnection head : old) {
            for (TcpConnection c = head; c != null; ) {
                TcpConnection next = c.bucketNext;
                c.bucketNext = buckets[c.hash & mask];
                buckets[c.hash & mask] = c;
                c = next;
            }
        }
    }

    /** A doubly linked list, oldest first. */
    private static final class AgeList {
        TcpConnection oldest;
        TcpConnection newest;
        int size;

        void append(TcpConnection c) {
            c.older = newest;
            c.newer = null;
            if (newest == null) {
                oldest = c;
            } else {
                newest.newer = c;
            }
            newest = c;
            size++;
        }

        void unlink(TcpConnection c) {
            if (c.older == null) {
                oldest = c.newer;
            } else {
                c.older.newer = c.newer;
            }
            if (c.newer == null) {
                newest = c.older;
            } else {
                c.newer.older = c.older;
            }
            c.older = null;
            c.newer = null;
            size--;
        }
    }
}
