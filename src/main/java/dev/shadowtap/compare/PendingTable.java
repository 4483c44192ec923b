package dev.shadowtap.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The exchanges waiting for their request, reference or candidate, by id, oldest first. Bounded by
 * size ({@code capacity}: a new id pushes the oldest out) and by age ({@code maxAge} since the first
 * part arrived). What leaves without being complete is handed back with the reason: {@code table-full}
 * or {@code expired}. Not thread-safe: the engine calls it under its lock.
 */
final class PendingTable {
    /** An exchange pushed out of the table, and why. */
    record Evicted(Pending pending, String reason) {
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
                evicted.add(new Evicted(oldest.next(), "table-full"));
                oldest.remove();
            }
            pending = new Pending(id, nanoClock.getAsLong());
            byId.put(id, pending);
        }
        return pending;
    }

    void remove(String id) {
        byId.remove(id);
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
            evicted.add(new Evicted(p, "expired"));
            it.remove();
        }
    }

    /** Empties the table: what is left when the run ends, oldest first. */
    List<Pending> drain() {
        List<Pending> left = new ArrayList<>(byId.values());
        byId.clear();
        return left;
    }

    int size() {
        return byId.size();
    }
}
