package dev.shadowtap.http;

import java.util.Objects;

/**
 * One header field as it appeared in a message head: the name keeps its case, the value is trimmed
 * of surrounding whitespace and obs-fold continuation lines are joined with a single space.
 * Bytes are decoded as ISO-8859-1, so every byte maps to one char and nothing is lost.
 */
public record HttpHeader(String name, String value) {
    public HttpHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public boolean named(String other) {
        return name.equalsIgnoreCase(other);
    }
}
