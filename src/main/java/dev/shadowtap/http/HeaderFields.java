package dev.shadowtap.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The header fields of one head, in wire order, as the only representation {@link HttpHead} keeps:
 * a byte text and, per field, the offsets of its name and trimmed value in it. Lookups by name
 * compare bytes and make a string only for the value they return; {@link #fieldList()} builds the
 * {@link HttpHeader} list once, on first call (immutable, so racing threads at worst build equal
 * ones twice). Names and values are ISO-8859-1 text, as on the wire. The head's superclass rather
 * than an object of its own: framing parses a head per message, and this adds no allocation to it.
 */
abstract sealed class HeaderFields permits HttpHead {
    /** A field table over a text, as {@link #of} and {@link #joinFolded} make it for a head to take. */
    record Table(byte[] text, int[] offsets, int count, List<HttpHeader> list) {
    }

    /** Ints per field in {@link #table}: name from, name to, value from, value to (offsets in {@link #text}). */
    static final int STRIDE = 4;
    /** Name offset marking an obs-fold continuation line in a parse's table, before {@link #joinFolded}. */
    static final int CONTINUATION = -1;

    private final byte[] text;
    private final int[] table;
    private final int count;
    private List<HttpHeader> list;

    HeaderFields(byte[] text, int[] table, int count, List<HttpHeader> list) {
        this.text = text;
        this.table = table;
        this.count = count;
        this.list = list;
    }

    /** Fields from their values: names and values laid one after the other in a text of their own. */
    static Table of(List<HttpHeader> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] table = new int[headers.size() * STRIDE];
        for (int i = 0; i < headers.size(); i++) {
            HttpHeader h = headers.get(i);
            table[i * STRIDE] = out.size();
            out.writeBytes(h.name().getBytes(StandardCharsets.ISO_8859_1));
            table[i * STRIDE + 1] = out.size();
            table[i * STRIDE + 2] = out.size();
            out.writeBytes(h.value().getBytes(StandardCharsets.ISO_8859_1));
            table[i * STRIDE + 3] = out.size();
        }
        return new Table(out.toByteArray(), table, headers.size(), List.copyOf(headers));
    }

    /**
     * A parse's table with its continuation lines joined to the field before them by a single space
     * (rare: obs-fold). The joined values are appended after the head's bytes, so the offsets of
     * every other field stay those of the wire.
     */
    static Table joinFolded(byte[] head, int[] parsed, int entries) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int[] table = new int[entries * STRIDE];
        int count = 0;
        for (int i = 0; i < entries; i++) {
            int at = i * STRIDE;
            if (parsed[at] != CONTINUATION) {
                System.arraycopy(parsed, at, table, count * STRIDE, STRIDE);
                count++;
                continue;
            }
            int last = (count - 1) * STRIDE;
            int start = head.length + joined.size();
            int lastFrom = table[last + 2];
            int lastTo = table[last + 3];
            if (lastTo > lastFrom) {
                writeFrom(joined, head, lastFrom, lastTo);
                joined.write(' ');
            }
            writeFrom(joined, head, parsed[at + 2], parsed[at + 3]);
            table[last + 2] = start;
            table[last + 3] = head.length + joined.size();
        }
        byte[] text = new byte[head.length + joined.size()];
        System.arraycopy(head, 0, text, 0, head.length);
        byte[] tail = joined.toByteArray();
        System.arraycopy(tail, 0, text, head.length, tail.length);
        return new Table(text, table, count, null);
    }

    /** Appends {@code [from, to)} of the head or, for an offset past its end, of what was joined so far. */
    private static void writeFrom(ByteArrayOutputStream joined, byte[] head, int from, int to) {
        if (from < head.length) {
            joined.write(head, from, to - from);
        } else {
            byte[] soFar = joined.toByteArray();
            joined.write(soFar, from - head.length, to - from);
        }
    }

    /** The fields in wire order (immutable; built on the first call, the same list after). */
    final List<HttpHeader> fieldList() {
        List<HttpHeader> l = list;
        if (l == null) {
            HttpHeader[] all = new HttpHeader[count];
            for (int i = 0; i < count; i++) {
                int at = i * STRIDE;
                all[i] = new HttpHeader(HeaderNames.name(text, table[at], table[at + 1]), value(i));
            }
            l = List.of(all);
            list = l;
        }
        return l;
    }

    /** The value of the first field with this name, ignoring case; null when there is none. */
    final String firstField(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : value(i);
    }

    /** How many fields have this name, ignoring case. */
    final int fieldCount(String name) {
        int n = 0;
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            n++;
        }
        return n;
    }

    final boolean hasField(String name) {
        return indexOf(name, 0) >= 0;
    }

    /** The values of every field with this name, ignoring case, in wire order. */
    final List<String> fieldValues(String name) {
        List<String> values = null;
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            if (values == null) {
                values = new ArrayList<>(2);
            }
            values.add(value(i));
        }
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }

    /** Whether a field with this name has {@code word} in its value, ignoring case; makes no string. */
    final boolean anyFieldContains(String name, String word) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            int to = table[i * STRIDE + 3];
            for (int from = table[i * STRIDE + 2]; from + word.length() <= to; from++) {
                if (regionIs(from, from + word.length(), word)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** When exactly one field has this name and its whole value is 1 to 18 ASCII digits, that number; otherwise -1. */
    final long onlyFieldDigits(String name) {
        int i = indexOf(name, 0);
        if (i < 0 || indexOf(name, i + 1) >= 0) {
            return -1;
        }
        return HttpNumbers.decimal(text, table[i * STRIDE + 2], table[i * STRIDE + 3]);
    }

    /** Whether exactly one field has this name and its value equals {@code value}, ignoring case. */
    final boolean onlyFieldIs(String name, String value) {
        int i = indexOf(name, 0);
        return i >= 0 && indexOf(name, i + 1) < 0 && regionIs(table[i * STRIDE + 2], table[i * STRIDE + 3], value);
    }

    /** Index of the first field at or after {@code from} whose name is {@code name} ignoring case; -1 when none. */
    private int indexOf(String name, int from) {
        if (name == null) {
            return -1;
        }
        int length = name.length();
        for (int i = from; i < count; i++) {
            int at = i * STRIDE;
            // the length first, here: most names differ in it, and a call per field adds up per response
            if (table[at + 1] - table[at] == length && regionIs(table[at], table[at + 1], name)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code text[from, to)}, as ISO-8859-1, equals {@code s} ignoring case the way {@link String#equalsIgnoreCase} does. */
    private boolean regionIs(int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            char a = (char) (text[from + k] & 0xff);
            char c = s.charAt(k);
            if (a != c && !sameIgnoringCase(a, c)) {
                return false;
            }
        }
        return true;
    }

    /** Per-char rule of {@link String#equalsIgnoreCase}, with a fast path for ASCII. */
    private static boolean sameIgnoringCase(char a, char c) {
        if ((a | c) < 0x80) {
            int lower = a | 0x20;
            return (a ^ c) == 0x20 && lower >= 'a' && lower <= 'z';
        }
        char ua = Character.toUpperCase(a);
        char uc = Character.toUpperCase(c);
        return ua == uc || Character.toLowerCase(ua) == Character.toLowerCase(uc);
    }

    private String value(int i) {
        return HttpText.latin1(text, table[i * STRIDE + 2], table[i * STRIDE + 3]);
    }
}
