package dev.shadowtap.http;

import java.util.ArrayDeque;
import java.util.Locale;

/**
 * The methods of the requests whose responses a response framer has yet to read, in order: a
 * response's body length depends on what it answers (HEAD, CONNECT). Interim responses take no
 * method; with none queued a response is taken as the answer to GET.
 */
final class ResponseMethods {
    private final ArrayDeque<String> queue = new ArrayDeque<>();

    void expect(String method) {
        queue.addLast(method.toUpperCase(Locale.ROOT));
    }

    /** The next queued method is answered by a response that could not be framed. */
    void skip() {
        queue.pollFirst();
    }

    int size() {
        return queue.size();
    }

    /** The method the message with this head answers, left queued: "" for a request or an interim response. */
    String peek(HttpHead head) {
        return head.request() || head.isInterim() ? "" : queue.isEmpty() ? "GET" : queue.peekFirst();
    }

    /** Like {@link #peek}, and the method is no longer queued. */
    String take(HttpHead head) {
        String method = peek(head);
        if (!method.isEmpty()) {
            queue.pollFirst();
        }
        return method;
    }
}
