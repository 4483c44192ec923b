package dev.shadowtap.pipeline;

import java.util.Arrays;

/**
 * Ids mapped to small integer entries, at most {@code maxIds} of them, the least recently used
 * forgotten first: the storage under {@link ResponseVerdicts}. Everything lives in arrays (open
 * addressing over the entries, the recency order as two int links): an id costs no object of its own,
 * and an id of up to 24 lower-case hex digits (GoReplay's and the capture's) is kept as two longs,
 * not as its string. A live capture remembers ~100,000 ids at ~60,000 new ones a second: as map
 * entries they were young objects that each survived several collections and whose links into old
 * ones the collector rescanned (docs/benchmarks-history.md, "filtered capture"). Not thread-safe.
 */
final class IdTable {
    /** The most hex digits packed into an entry's two {@link #keys} (16 + 8). */
    static final int PACKED_DIGITS = 24;
    private static final long NOT_PACKED = -1L;
    /** The most ids a table keeps: its arrays' sizes stay well within an int. */
    static final int MAX_IDS = 1 << 26;
    private static final int NONE = -1;

    private final int maxIds;
    /** Per entry, two longs: a packed id's first 16 hex digits, then its other digits with its length above them (never negative); 0 and {@link #NOT_PACKED} for a string id. */
    private long[] keys;
    /** The id itself when it cannot be packed, else null. */
    private String[] text;
    /** Per entry, two ints: the next older and the next newer entry in the order of use. */
    private int[] links;
    /**
     * Open addressing over the entries: the id's hash in the upper half, the entry + 1 in the lower; 0
     * is free. Twice as many positions as entries at least. A probe reads the entry only when the hash matches.
     */
    private long[] slots;
    private int entries;
    private int size;
    /** Least and most recently used entries. */
    private int oldest = NONE;
    private int newest = NONE;
    /** The last id {@link #find} looked up, and its key: {@link #add} of the same id does not pack it again. */
    private String lastId;
    private long lastHigh;
    private long lastLow;
    private int lastHash;

    IdTable(int maxIds, int initialEntries) {
        if (maxIds < 1 || maxIds > MAX_IDS) {
            throw new IllegalArgumentException("maxIds must be 1 to " + MAX_IDS + ", not " + maxIds);
        }
        this.maxIds = maxIds;
        allocate(Math.max(1, Math.min(maxIds, initialEntries)));
    }

    /** Entries the arrays hold now; callers keep their own per-entry arrays this long. */
    int capacity() {
        return entries;
    }

    int size() {
        return size;
    }

    /** The entry of {@code id}, made the most recently used; -1 when the id is not (or no longer) known. */
    int find(String id) {
        key(id);
        long high = lastHigh;
        long low = lastLow;
        int hash = lastHash;
        int mask = slots.length - 1;
        for (int at = hash & mask; slots[at] != 0; at = (at + 1) & mask) {
            long slot = slots[at];
            if ((int) (slot >>> 32) == hash) {
                int e = (int) slot - 1;
                if (keys[2 * e] == high && keys[2 * e + 1] == low && (low != NOT_PACKED || id.equals(text[e]))) {
                    touch(e);
                    return e;
                }
            }
        }
        return NONE;
    }

    /**
     * A new entry for {@code id} (not in the table: {@link #find} said so), the most recently used. When
     * the table is full the least recently used id is forgotten and its entry reused: the caller resets
     * what it keeps for it. The arrays may grow: the caller checks {@link #capacity()} after.
     */
    int add(String id) {
        if (id != lastId) {
            key(id);
        }
        int e;
        if (size == maxIds) {
            e = oldest;
            unlink(e);
            unslot(e);
        } else {
            if (size == entries) {
                allocate((int) Math.min(maxIds, 2L * entries));
            }
            e = size++;
        }
        keys[2 * e] = lastHigh;
        keys[2 * e + 1] = lastLow;
        text[e] = lastLow == NOT_PACKED ? id : null;
        slot(e, lastHash);
        linkNewest(e);
        return e;
    }

    /** Sets the last id and its key. */
    private void key(String id) {
        lastId = id;
        int n = id.length();
        long high = 0;
        long low = 0;
        boolean packed = n > 0 && n <= PACKED_DIGITS;
        for (int i = 0; packed && i < n; i++) { // one pass: checked and packed together
            int d = digit(id.charAt(i));
            packed = d >= 0;
            if (i < 16) {
                high = high << 4 | d;
            } else {
                low = low << 4 | d;
            }
        }
        lastHigh = packed ? high : 0;
        lastLow = packed ? (long) n << 32 | low : NOT_PACKED;
        lastHash = hash(id, lastHigh, lastLow);
    }

    /** True when entry e's id is kept packed (1 to {@value #PACKED_DIGITS} lower-case hex digits), not as its string. */
    boolean packed(int e) {
        return keys[2 * e + 1] != NOT_PACKED;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private static int hash(String id, long high, long low) {
        long h = low == NOT_PACKED ? id.hashCode() : high * 0x9E3779B97F4A7C15L ^ low;
        h *= 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ h >>> 32);
    }

    private void slot(int e, int hash) {
        int mask = slots.length - 1;
        int at = hash & mask;
        while (slots[at] != 0) {
            at = (at + 1) & mask;
        }
        slots[at] = (long) hash << 32 | (e + 1);
    }

    /** Takes entry e out of the positions, moving later ones of its run back (no tombstones). */
    private void unslot(int e) {
        int mask = slots.length - 1;
        long low = keys[2 * e + 1];
        int at = hash(text[e], keys[2 * e], low) & mask;
        while ((int) slots[at] != e + 1) { // e is in its home's run
            at = (at + 1) & mask;
        }
        int free = at;
        for (int next = (free + 1) & mask; slots[next] != 0; next = (next + 1) & mask) {
            int home = (int) (slots[next] >>> 32) & mask;
            // the entry at next may move to free when free lies on its way from home to next
            if (((next - home) & mask) >= ((next - free) & mask)) {
                slots[free] = slots[next];
                free = next;
            }
        }
        slots[free] = 0;
    }

    private void touch(int e) {
        if (e != newest) {
            unlink(e);
            linkNewest(e);
        }
    }

    private void unlink(int e) {
        int o = links[2 * e];
        int n = links[2 * e + 1];
        if (o == NONE) {
            oldest = n;
        } else {
            links[2 * o + 1] = n;
        }
        if (n == NONE) {
            newest = o;
        } else {
            links[2 * n] = o;
        }
    }

    private void linkNewest(int e) {
        links[2 * e] = newest;
        links[2 * e + 1] = NONE;
        if (newest == NONE) {
            oldest = e;
        } else {
            links[2 * newest + 1] = e;
        }
        newest = e;
    }

    private void allocate(int n) {
        keys = keys == null ? new long[2 * n] : Arrays.copyOf(keys, 2 * n);
        text = text == null ? new String[n] : Arrays.copyOf(text, n);
        links = links == null ? new int[2 * n] : Arrays.copyOf(links, 2 * n);
        long[] old = slots;
        slots = new long[Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1];
        entries = n;
        if (old != null) {
            for (long taken : old) {
                if (taken != 0) {
                    slot((int) taken - 1, (int) (taken >>> 32));
                }
            }
        }
    }
}
