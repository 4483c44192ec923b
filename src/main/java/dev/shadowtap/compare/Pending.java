package dev.shadowtap.compare;

import dev.shadowtap.pipeline.Message;

/** The parts of one exchange seen so far, waiting in the {@link PendingTable}. Mutated under the engine's lock. */
final class Pending {
    final String id;
    final long bornNs;
    Message request;
    Message reference;
    Message candidate;
    Message secondary;
    boolean secondaryDone;

    Pending(String id, long bornNs) {
        this.id = id;
        this.bornNs = bornNs;
    }

    /** Request, reference and candidate are all here: it can be compared. */
    boolean comparable() {
        return request != null && reference != null && candidate != null;
    }

    /** Why it could not be compared, as a drop reason: what is missing. */
    String missing() {
        if (reference == null) {
            return "no-reference";
        }
        if (candidate == null) {
            return "no-candidate";
        }
        return "no-request";
    }
}
