package dev.shadowtap.io.http;

import dev.shadowtap.pipeline.Message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests that share an id go to the target one after another, in the order they came: GoReplay
 * gives every request of one keep-alive connection the same id, so this replays each recorded
 * connection's requests in their order, never two at once, and their replies come back in order
 * (what pairing by id needs). shadowtap's own captures give each request its own id, so nothing waits.
 */
final class IdOrder {
    /** Ids with a request at the target (or queued for it), and the requests waiting behind it (null: none). */
    private final Map<String, ArrayDeque<Message>> busy = new HashMap<>();
    private int held;

    /** True when {@code request} may go now; false when it waits behind an earlier request with its id. */
    synchronized boolean admit(Message request) {
        String id = request.id();
        if (id.isEmpty()) {
            return true;
        }
        if (!busy.containsKey(id)) {
            busy.put(id, null);
            return true;
        }
        ArrayDeque<Message> behind = busy.get(id);
        if (behind == null) {
            behind = new ArrayDeque<>(2);
            busy.put(id, behind);
        }
        behind.add(request);
        held++;
        return false;
    }

    /** {@code request} is done (answered, failed or dropped): the next request with its id, or null. */
    synchronized Message done(Message request) {
        String id = request.id();
        if (id.isEmpty()) {
            return null;
        }
        ArrayDeque<Message> behind = busy.get(id);
        Message next = behind == null ? null : behind.poll();
        if (next == null) {
            busy.remove(id);
        } else {
            held--;
        }
        return next;
    }

    /** Takes every waiting request out (at a stop); the ids stay busy until their requests are done. */
    synchronized List<Message> drain() {
        List<Message> all = new ArrayList<>(held);
        for (Map.Entry<String, ArrayDeque<Message>> e : busy.entrySet()) {
            if (e.getValue() != null) {
                all.addAll(e.getValue());
                e.setValue(null);
            }
        }
        held = 0;
        return all;
    }

    /** Requests waiting behind an earlier one with their id. */
    synchronized int held() {
        return held;
    }
}
