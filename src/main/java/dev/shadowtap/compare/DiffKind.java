package dev.shadowtap.compare;

import java.util.Locale;

/** What kind of difference one {@link Difference} is. */
public enum DiffKind {
    /** The status codes differ (path {@code status}), or gRPC's {@code grpc-status} (path {@code grpc-status}). */
    STATUS,
    /** A value differs: a JSON scalar or a header value. */
    CHANGED,
    /** A JSON value changed type (number to string, object to array, ...). */
    TYPE,
    /** In the reference, not in the candidate (a JSON field or a header). */
    MISSING,
    /** In the candidate, not in the reference. */
    EXTRA,
    /** Two JSON arrays (or repeated protobuf fields, or gRPC streams) have different lengths. */
    LENGTH,
    /** Two JSON arrays (or repeated protobuf fields) hold the same elements in another order. */
    ORDER,
    /** A line of a text body differs. */
    LINE,
    /** Two binary bodies differ (compared by SHA-256). */
    DIGEST,
    /** Two replies that are not HTTP differ (path {@code bytes}, at their first differing byte). */
    BYTES;

    /** The lower-case name used in the reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
