package dev.shadowtap.compare;

import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts waiting under one record id, in arrival order. GoReplay gives every request of one
 * keep-alive connection the same id, so one id may hold many exchanges: the k-th request pairs with
 * the k-th final original response and the k-th replayed response (and the k-th secondary answer).
 * Mutated under the engine's lock.
 */
final class Pending {
    /** One exchange taken out of the queues; a part is null when it never came. */
    record Exchange(String id, Message request, Message reference, Message candidate, Message secondary) {
        /** Request, reference and candidate are all here: it can be compared. */
        boolean comparable() {
            return request != null && reference != null && candidate != null;
        }

        /** The request and its original answer came, the replay never answered. */
        boolean unanswered() {
            return request != null && reference != null && candidate == null;
        }

        /** Why it could not be compared, as a drop reason: what is missing. */
        Reason missing() {
            if (reference == null) {
                return Reason.NO_REFERENCE;
            }
            if (candidate == null) {
                return Reason.NO_CANDIDATE;
            }
            return Reason.NO_REQUEST;
        }
    }

    final String id;
    /** When the oldest waiting part arrived (reset when an exchange leaves complete). */
    long bornNs;
    private final ArrayDeque<Message> requests = new ArrayDeque<>();
    private final ArrayDeque<Message> references = new ArrayDeque<>();
    private final ArrayDeque<Message> candidates = new ArrayDeque<>();
    private final ArrayDeque<Message> secondaries = new ArrayDeque<>();

    Pending(String id, long bornNs) {
        this.id = id;
        this.bornNs = bornNs;
    }

    void add(Message message) {
        switch (message.type()) {
            case REQUEST -> requests.add(message);
            case RESPONSE -> references.add(message);
            case REPLAYED -> candidates.add(message);
        }
    }

    void addSecondary(Message message) {
        secondaries.add(message);
    }

    /** The parts waiting in the longest queue. */
    int depth() {
        return Math.max(Math.max(requests.size(), references.size()), Math.max(candidates.size(), secondaries.size()));
    }

    boolean isEmpty() {
        return depth() == 0;
    }

    /** The oldest exchange when all its parts are here (with the secondary's answer when {@code needSecondary}), else null. */
    Exchange pollComplete(boolean needSecondary) {
        if (requests.isEmpty() || references.isEmpty() || candidates.isEmpty()
                || (needSecondary && secondaries.isEmpty())) {
            return null;
        }
        return pollOldest();
    }

    /** The oldest exchange, with whatever parts it has. */
    Exchange pollOldest() {
        return new Exchange(id, requests.poll(), references.poll(), candidates.poll(), secondaries.poll());
    }

    /** Every exchange still waiting, oldest first; empties the queues. */
    List<Exchange> drain() {
        List<Exchange> left = new ArrayList<>();
        while (!isEmpty()) {
            left.add(pollOldest());
        }
        return left;
    }
}
