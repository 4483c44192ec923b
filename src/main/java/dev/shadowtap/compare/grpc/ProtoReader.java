package dev.shadowtap.compare.grpc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads protobuf's wire format without a schema: field numbers and wire types (varint, 64-bit,
 * length-delimited, 32-bit). Bytes are a message only when they parse completely: every tag valid
 * (field number 1 to 2^29-1), every value within the bytes, nothing left over. Groups (wire types 3
 * and 4, deprecated since proto2) and the unused wire types 6 and 7 make them "not protobuf".
 */
public final class ProtoReader {
    private static final int MAX_FIELD = (1 << 29) - 1;

    private ProtoReader() {
    }

    /** The fields of {@code bytes} in wire order, or null when they are not one complete message. */
    public static List<ProtoField> parse(byte[] bytes) {
        List<ProtoField> fields = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < bytes.length) {
            long tag = varint(bytes, pos);
            if (tag < 0 || (tag >>> 3) < 1 || (tag >>> 3) > MAX_FIELD) {
                return null;
            }
            int number = (int) (tag >>> 3);
            int type = (int) (tag & 7);
            switch (type) {
                case ProtoField.VARINT -> {
                    int start = pos[0];
                    long value = varint(bytes, pos);
                    if (pos[0] == start) {
                        return null;
                    }
                    fields.add(ProtoField.scalar(number, type, value));
                }
                case ProtoField.I64, ProtoField.I32 -> {
                    int size = type == ProtoField.I64 ? 8 : 4;
                    if (bytes.length - pos[0] < size) {
                        return null;
                    }
                    long value = 0;
                    for (int i = size - 1; i >= 0; i--) {
                        value = (value << 8) | (bytes[pos[0] + i] & 0xff); // little-endian
                    }
                    pos[0] += size;
                    fields.add(ProtoField.scalar(number, type, value));
                }
                case ProtoField.LEN -> {
                    int start = pos[0];
                    long length = varint(bytes, pos);
                    if (pos[0] == start || length < 0 || length > bytes.length - pos[0]) {
                        return null;
                    }
                    int from = pos[0];
                    pos[0] += (int) length;
                    fields.add(new ProtoField(number, type, 0, Arrays.copyOfRange(bytes, from, pos[0])));
                }
                default -> {
                    return null; // a group, or a wire type protobuf does not have
                }
            }
        }
        return fields;
    }

    /**
     * The varint at {@code pos[0]}, which moves past it; -1 for a tag or length that does not end within
     * the bytes or in 10 bytes (a value may be any 64 bits: callers that need a size check the sign).
     * On a cut varint {@code pos[0]} is left where it was.
     */
    static long varint(byte[] b, int[] pos) {
        long value = 0;
        for (int i = 0, p = pos[0]; i < 10 && p < b.length; i++, p++) {
            int x = b[p] & 0xff;
            if (i == 9 && x > 1) {
                return -1; // more than 64 bits
            }
            value |= (long) (x & 0x7f) << (7 * i);
            if (x < 0x80) {
                pos[0] = p + 1;
                return value;
            }
        }
        return -1;
    }
}
