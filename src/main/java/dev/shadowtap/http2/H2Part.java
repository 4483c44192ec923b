package dev.shadowtap.http2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One side of a stream as it arrives: a request, or a response (interim ones are emitted as they
 * come), its header fields in wire order, its DATA (the first bytes up to the body limit), trailers.
 */
final class H2Part {
    final List<HeaderField> fields = new ArrayList<>();
    List<HeaderField> trailers;
    int unknownFields;
    long headBytes;
    private byte[] data = new byte[0];
    private int kept;
    long dataLength;
    long startNs;
    long lastNs;
    boolean headersDone;
    boolean ended;
    /** Why it cannot be emitted (a TCP gap cut it, a malformed or oversized header block), counted when it would be; else null. */
    dev.shadowtap.core.Reason lost;
    boolean emitted;

    void data(byte[] b, int from, int to, int maxBody) {
        int n = to - from;
        dataLength += n;
        int room = (int) Math.min(n, (long) maxBody - kept);
        if (room <= 0) {
            return;
        }
        if (kept + room > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(maxBody, Math.max(kept + room, 2L * data.length + 64)));
        }
        System.arraycopy(b, from, data, kept, room);
        kept += room;
    }

    byte[] data() {
        return data;
    }

    int kept() {
        return kept;
    }

    boolean truncated() {
        return dataLength > kept;
    }

    /** The value of the first known field named {@code name}, or null. */
    String value(String name) {
        for (HeaderField f : fields) {
            if (f.known() && f.name().equals(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** Header fields of an interim (1xx) response just received: they become a record of their own. */
    static boolean interim(List<HeaderField> fields) {
        for (HeaderField f : fields) {
            if (f.known() && f.name().equals(":status")) {
                return f.value().length() == 3 && f.value().charAt(0) == '1';
            }
        }
        return false;
    }
}
