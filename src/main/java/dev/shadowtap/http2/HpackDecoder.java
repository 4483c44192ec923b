package dev.shadowtap.http2;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A lenient HPACK decoder (RFC 7541) for one direction of a captured connection: fed every header
 * block of that direction exactly once, in order, it keeps the dynamic table in step with the
 * sender's encoder. Never throws: a field whose dynamic entry this capture never saw decodes to a
 * placeholder ({@link HeaderField#known()} false, as Wireshark shows it); a block that is malformed
 * ends the block and leaves the table unknown, since the inserts it held are lost.
 */
final class HpackDecoder {
    /** SETTINGS_HEADER_TABLE_SIZE's initial value (RFC 9113 6.5.2). */
    static final int DEFAULT_TABLE_SIZE = 4096;
    /** A decoded block with an error: the fields before it are in the list. */
    static final int MALFORMED = -1;

    private final DynamicTable table = new DynamicTable(DEFAULT_TABLE_SIZE);
    private byte[] scratch = new byte[256];
    private int p;
    private int end;

    DynamicTable table() {
        return table;
    }

    /** The state is lost (mid-connection start, gap): from now on, unseen entries decode to placeholders. */
    void forget() {
        table.forget();
    }

    /** The peer acknowledged a SETTINGS_HEADER_TABLE_SIZE for this decoder. */
    void settingsAcknowledged(long tableSize) {
        table.limit(tableSize);
    }

    /**
     * Decodes the header block {@code b[from, to)} into {@code out}; returns how many fields are
     * placeholders, or {@link #MALFORMED}.
     */
    int decode(byte[] b, int from, int to, List<HeaderField> out) {
        p = from;
        end = to;
        int unknown = 0;
        while (p < end) {
            int first = b[p] & 0xff;
            HeaderField field;
            if ((first & 0x80) != 0) {
                long index = integer(b, 7);
                field = index <= 0 ? null : indexed(index);
            } else if ((first & 0xc0) == 0x40) {
                field = literal(b, 6, true);
            } else if ((first & 0xe0) == 0x20) {
                long size = integer(b, 5);
                if (size < 0) {
                    return malformed();
                }
                table.resize(size);
                continue;
            } else {
                field = literal(b, 4, false);
            }
            if (field == null) {
                return malformed();
            }
            if (!field.known()) {
                unknown++;
            }
            out.add(field);
        }
        return unknown;
    }

    private int malformed() {
        table.forget();
        return MALFORMED;
    }

    private HeaderField indexed(long index) {
        if (index <= StaticTable.LENGTH) {
            return new HeaderField(StaticTable.name((int) index), StaticTable.value((int) index));
        }
        int dynamic = (int) Math.min(Integer.MAX_VALUE, index - StaticTable.LENGTH);
        String value = table.value(dynamic);
        String name = table.name(dynamic);
        if (value == null) {
            return HeaderField.unknown("");
        }
        return name == null ? HeaderField.unknown(value) : new HeaderField(name, value);
    }

    /** A literal field; with {@code index}, added to the table. Null when malformed. */
    private HeaderField literal(byte[] b, int prefix, boolean index) {
        long nameIndex = integer(b, prefix);
        if (nameIndex < 0) {
            return null;
        }
        String name;
        boolean nameKnown = true;
        if (nameIndex == 0) {
            name = string(b);
        } else if (nameIndex <= StaticTable.LENGTH) {
            name = StaticTable.name((int) nameIndex);
        } else {
            name = table.name((int) Math.min(Integer.MAX_VALUE, nameIndex - StaticTable.LENGTH));
            nameKnown = name != null;
        }
        if (nameKnown && name == null) {
            return null;
        }
        String value = string(b);
        if (value == null) {
            return null;
        }
        if (index) {
            table.add(nameKnown ? name : null, value);
        }
        return nameKnown ? new HeaderField(name, value) : HeaderField.unknown(value);
    }

    /** An integer with an N-bit prefix (5.1); -1 when cut short or over 2^31. */
    private long integer(byte[] b, int prefix) {
        if (p >= end) {
            return -1;
        }
        int mask = (1 << prefix) - 1;
        long value = b[p++] & mask;
        if (value < mask) {
            return value;
        }
        for (int shift = 0; ; shift += 7) {
            if (p >= end || shift > 28) {
                return -1;
            }
            int octet = b[p++] & 0xff;
            value += (long) (octet & 0x7f) << shift;
            if ((octet & 0x80) == 0) {
                return value > Integer.MAX_VALUE ? -1 : value;
            }
        }
    }

    /** A string literal (5.2), Huffman-coded or not; null when malformed. */
    private String string(byte[] b) {
        if (p >= end) {
            return null;
        }
        boolean huffman = (b[p] & 0x80) != 0;
        long length = integer(b, 7);
        if (length < 0 || length > end - p) {
            return null;
        }
        int from = p;
        p += (int) length;
        if (!huffman) {
            return new String(b, from, (int) length, StandardCharsets.ISO_8859_1);
        }
        int room = Huffman.maxDecoded((int) length);
        if (scratch.length < room) {
            scratch = new byte[Math.max(room, scratch.length * 2)];
        }
        int n = Huffman.decode(b, from, from + (int) length, scratch, 0);
        return n < 0 ? null : new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
    }
}
