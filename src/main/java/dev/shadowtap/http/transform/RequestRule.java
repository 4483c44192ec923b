package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;

/**
 * One filter, limiter or rewrite over a parsed request. Filters and limiters answer a drop reason;
 * rewrites record their edits on the request and answer null.
 */
interface RequestRule {
    /** The drop reason when the request must go, else null (after any edit). */
    Reason apply(EditableRequest request);

    /**
     * Whether a request whose head cannot be parsed must be dropped: true for allow-filters, which
     * cannot allow what they cannot read; false for everything else, which passes such a request unchanged.
     */
    default boolean dropsUnreadable() {
        return false;
    }
}
