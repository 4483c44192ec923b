package dev.shadowtap.http2;

/**
 * HPACK's dynamic table (RFC 7541 2.3.2, 4) as a passive decoder can know it: the newest entries,
 * exactly, and whether older entries it never saw may still be in it ({@link #complete()} false after
 * a capture joined mid-connection or a gap). An index past the known entries is then unknown, never
 * guessed. Keeping more entries than the real table holds never changes what a valid index means
 * (index 1 is the newest entry in both), so while the maximum size is unknown it is taken large.
 */
final class DynamicTable {
    /** Entry overhead in bytes (4.1). */
    static final int ENTRY_OVERHEAD = 32;
    /** The maximum size assumed while the encoder's is unknown: larger than any encoder uses in practice. */
    static final int UNKNOWN_MAX = 65_536;

    private String[] names = new String[16]; // null: a name this capture never saw
    private String[] values = new String[16];
    private int[] sizes = new int[16];
    private int newest = -1; // slot of index 1
    private int count;
    private long size;
    private long maxSize;
    private boolean complete;
    /** Entries whose size is only a lower bound (unknown name): {@link #size} is then a lower bound too. */
    private int approximate;
    /** Whether {@link #maxSize} was told by the encoder since the table became incomplete. */
    private boolean maxKnown;

    DynamicTable(long maxSize) {
        this.maxSize = maxSize;
        this.complete = true;
        this.maxKnown = true;
    }

    /** Entries this capture knows, newest first. */
    int count() {
        return count;
    }

    /** The size in bytes of the known entries (a lower bound while some names are unknown). */
    long size() {
        return size;
    }

    long maxSize() {
        return maxSize;
    }

    /** Whether every entry the real table holds is known here. */
    boolean complete() {
        return complete;
    }

    /** The name of dynamic entry {@code index} (1: newest), null when unknown or past the known entries. */
    String name(int index) {
        return index <= count ? names[slot(index)] : null;
    }

    /** The value of dynamic entry {@code index}, null when past the known entries. */
    String value(int index) {
        return index <= count ? values[slot(index)] : null;
    }

    /** Adds an entry ({@code name} null when unknown), evicting the oldest until it fits (4.4). */
    void add(String name, String value) {
        int entrySize = (name == null ? 0 : name.length()) + value.length() + ENTRY_OVERHEAD;
        if (entrySize > maxSize) {
            clearKnown(); // an entry larger than the table empties it (4.4)
            complete = maxKnown || complete;
            return;
        }
        if (count == names.length) {
            grow();
        }
        newest = (newest + 1) % names.length;
        names[newest] = name;
        values[newest] = value;
        sizes[newest] = entrySize;
        count++;
        size += entrySize;
        if (name == null) {
            approximate++;
        }
        evict();
    }

    /** A dynamic table size update from the encoder (6.3). */
    void resize(long newMax) {
        maxSize = newMax;
        maxKnown = true;
        evict();
    }

    /** The peer's acknowledged SETTINGS_HEADER_TABLE_SIZE: the table cannot stay larger. */
    void limit(long settingsMax) {
        if (maxSize > settingsMax) {
            maxSize = settingsMax;
            evict();
        }
    }

    /** The table's state is lost (a capture joined mid-connection, a gap): nothing known, anything possible. */
    void forget() {
        clearKnown();
        complete = false;
        maxKnown = false;
        maxSize = Math.max(maxSize, UNKNOWN_MAX);
    }

    private void evict() {
        while (count > 0 && size > maxSize) {
            int oldest = slot(count);
            size -= sizes[oldest];
            if (names[oldest] == null) {
                approximate--;
            }
            names[oldest] = null;
            values[oldest] = null;
            count--;
        }
        if (count == 0) {
            newest = -1;
            size = 0;
        }
        // unseen older entries are at least ENTRY_OVERHEAD each: once the known ones leave no room, they are gone
        if (!complete && maxKnown && approximate == 0 && size + ENTRY_OVERHEAD > maxSize) {
            complete = true;
        }
    }

    private void clearKnown() {
        java.util.Arrays.fill(names, null);
        java.util.Arrays.fill(values, null);
        count = 0;
        size = 0;
        approximate = 0;
        newest = -1;
    }

    private int slot(int index) {
        return Math.floorMod(newest - (index - 1), names.length);
    }

    private void grow() {
        int n = names.length;
        String[] nn = new String[n * 2];
        String[] nv = new String[n * 2];
        int[] ns = new int[n * 2];
        for (int i = 1; i <= count; i++) { // newest first into count-1 .. 0
            int from = slot(i);
            nn[count - i] = names[from];
            nv[count - i] = values[from];
            ns[count - i] = sizes[from];
        }
        names = nn;
        values = nv;
        sizes = ns;
        newest = count - 1;
    }
}
