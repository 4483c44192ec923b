package dev.shadowtap.io.http;

import dev.shadowtap.pipeline.Message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests that share an id go to the target one after another, in the order they came: GoReplay
 * gives every request of one keep-alive connection the same id, so this replays each recorded
 * connection's requests in their order, never two at once, and their replies come back in order
 * (what pairing by id needs). shadowtap's own captures give each request its own id, so nothing waits,
 * and that common case costs one lock-free insert and one remove per request (the writer and the
 * replay loop call in from different threads).
 */
final class IdOrder {
    /** The value of an id with a request at the target (or queued for it) and none waiting behind. */
    private static final ArrayDeque<Message> NONE_WAITING = new ArrayDeque<>(0);

    /** Busy ids and the requests waiting behind the one at the target. */
    private final ConcurrentHashMap<String, ArrayDeque<Message>> busy = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();

    /** True when {@code request} may go now; false when it waits behind an earlier request with its id. */
    boolean admit(Message request) {
        String id = request.id();
        if (id.isEmpty() || busy.putIfAbsent(id, NONE_WAITING) == null) {
            return true;
        }
        boolean[] go = new boolean[1];
        busy.compute(id, (k, behind) -> {
            if (behind == null) { // the earlier one finished meanwhile
                go[0] = true;
                return NONE_WAITING;
            }
            ArrayDeque<Message> queue = behind == NONE_WAITING ? new ArrayDeque<>(2) : behind;
            queue.add(request);
            held.incrementAndGet();
            return queue;
        });
        return go[0];
    }

    /** {@code request} is done (answered, failed or dropped): the next request with its id, or null. */
    Message done(Message request) {
        String id = request.id();
        if (id.isEmpty() || busy.remove(id, NONE_WAITING)) {
            return null;
        }
        Message[] next = new Message[1];
        busy.computeIfPresent(id, (k, behind) -> {
            next[0] = behind.poll();
            if (next[0] == null) {
                return null;
            }
            held.decrementAndGet();
            return behind.isEmpty() ? NONE_WAITING : behind;
        });
        return next[0];
    }

    /** Takes every waiting request out (at a stop); the ids stay busy until their requests are done. */
    List<Message> drain() {
        List<Message> all = new ArrayList<>();
        for (String id : busy.keySet()) {
            busy.computeIfPresent(id, (k, behind) -> {
                if (behind != NONE_WAITING) {
                    all.addAll(behind);
                    held.addAndGet(-behind.size());
                }
                return NONE_WAITING;
            });
        }
        return all;
    }

    /** Requests waiting behind an earlier one with their id. */
    int held() {
        return held.get();
    }
}
