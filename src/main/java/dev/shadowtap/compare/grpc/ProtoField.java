package dev.shadowtap.compare.grpc;

import java.util.Arrays;

/**
 * One field of a protobuf message read without its schema: its number, its wire type, and its value:
 * {@code bits} for the integer wire types (a varint, 64 or 32 bits), {@code bytes} for a
 * length-delimited one (a string, bytes, a nested message or a packed array: the schema would say which).
 */
public record ProtoField(int number, int wireType, long bits, byte[] bytes) {
    public static final int VARINT = 0;
    public static final int I64 = 1;
    public static final int LEN = 2;
    public static final int I32 = 5;
    private static final byte[] NONE = {};

    public ProtoField {
        bytes = bytes == null ? NONE : bytes;
    }

    static ProtoField scalar(int number, int wireType, long bits) {
        return new ProtoField(number, wireType, bits, NONE);
    }

    /** The proto3 default of its wire type (0, or empty): what a sender leaves out. */
    public boolean isDefault() {
        return wireType == LEN ? bytes.length == 0 : bits == 0;
    }

    /** The same wire type and value (the number aside). */
    public boolean sameValue(ProtoField other) {
        return wireType == other.wireType && bits == other.bits && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProtoField f && f.number == number && sameValue(f);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * number + wireType) + Long.hashCode(bits) * 17 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return number + ":" + wireType + "=" + (wireType == LEN ? bytes.length + " bytes" : Long.toString(bits));
    }
}
