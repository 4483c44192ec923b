package dev.shadowtap.compare;

import java.util.Locale;

/** Why a difference is noise rather than a change of behaviour. */
public enum NoiseReason {
    /** A {@code --compare-ignore} rule covers it. */
    RULE,
    /** A header known to change on every response (Date, ETag, ...) or a value of a volatile shape on both sides. */
    VOLATILE,
    /** It also differs between two original responses to identical requests of the same endpoint. */
    LEARNED,
    /** It also differs between the reference and the second old instance ({@code --compare-secondary}). */
    SECONDARY;

    /** The lower-case name used in the reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
