package dev.shadowtap.compare;

import dev.shadowtap.core.Reason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The exchanges waiting for their request, reference or candidate, by id, oldest first. Bounded by
 * ids ({@code capacity}: a new id pushes the oldest id out), by parts per id ({@link #MAX_PER_ID}: the
 * oldest exchange of the id is pushed out) and by age ({@code maxAge} since the oldest waiting part
 * arrived, or since an exchange of the id last completed). What leaves without being complete is
 * handed back with the reason: {@code table-full} or {@code expired}. Not thread-safe: the engine
 * calls it under its lock.
 */
final class PendingTable {
    /** Exchanges waiting under one id at most (one keep-alive connection of a .gor file). */
    static final int MAX_PER_ID = 1000;

    /** An exchange pushed out of the table, and why. */
    record Evicted(Pending.Exchange exchange, Reason reason) {
    }

    private final int capacity;
    private final long maxAgeNs;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<String, Pending> byId = new LinkedHashMap<>();

    PendingTable(int capacity, Duration maxAge, LongSupplier nanoClock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("pending capacity must be 1 or more, got " + capacity);
        }
        this.capacity = capacity;
        this.maxAgeNs = maxAge.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The entry for {@code id}, made when new (pushing the oldest out into {@code evicted} when full). */
    Pending entry(String id, List<Evicted> evicted) {
        Pending pending = byId.get(id);
        if (pending == null) {
            if (byId.size() >= capacity) {
                Iterator<Pending> oldest = byId.values().iterator();
                oldest.next().drain().forEach(e -> evicted.add(new Evicted(e, Reason.TABLE_FULL)));
                oldest.remove();
            }
            pending = new Pending(id, nanoClock.getAsLong());
            byId.put(id, pending);
        } else if (pending.depth() > MAX_PER_ID) {
            evicted.add(new Evicted(pending.pollOldest(), Reason.TABLE_FULL));
        }
        return pending;
    }

    /** After an exchange of {@code p} left complete: forgets an empty entry, or restarts its age. */
    void progressed(Pending p) {
        byId.remove(p.id);
        if (!p.isEmpty()) {
            p.bornNs = nanoClock.getAsLong();
            byId.put(p.id, p); // insertion order stays age order
        }
    }

    /** Removes the entries older than the age cap into {@code evicted}, reason {@code expired}. */
    void expire(List<Evicted> evicted) {
        long now = nanoClock.getAsLong();
        Iterator<Pending> it = byId.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (now - p.bornNs <= maxAgeNs) {
                return; // insertion order is age order
            }
            p.drain().forEach(e -> evicted.add(new Evicted(e, Reason.EXPIRED)));
            it.remove();
        }
    }

    /** Empties the table: what is left when the run ends, oldest first. */
    List<Pending.Exchange> drain() {
        List<Pending.Exchange> left = new ArrayList<>();
        byId.values().forEach(p -> left.addAll(p.drain()));
        byId.clear();
        return left;
    }

    int size() {
        return byId.size();
    }
}
