package dev.shadowtap.http2;

/**
 * One decoded header field, in ISO-8859-1 as on the wire. {@code known} is false for a placeholder:
 * a field whose dynamic-table entry this capture never saw (it joined mid-connection, or a gap lost
 * an insertion); its name is then {@link #UNKNOWN_NAME} and its value what the wire still carried
 * (the literal value of a field whose indexed name was unknown, else empty).
 */
public record HeaderField(String name, String value, boolean known) {
    /** The name of a placeholder field, as records carry it. */
    public static final String UNKNOWN_NAME = "x-shadowtap-unknown";

    public HeaderField(String name, String value) {
        this(name, value, true);
    }

    static HeaderField unknown(String value) {
        return new HeaderField(UNKNOWN_NAME, value, false);
    }

    /** Whether this is a pseudo-header ({@code :method}...). */
    public boolean pseudo() {
        return known && !name.isEmpty() && name.charAt(0) == ':';
    }
}
