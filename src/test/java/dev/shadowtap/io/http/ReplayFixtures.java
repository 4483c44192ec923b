package dev.shadowtap.io.http;

import dev.shadowtap.pipeline.Input;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Shared helpers of the replay tests: requests from text, a log that keeps its lines, reply draining. */
final class ReplayFixtures {
    private ReplayFixtures() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static Message request(String id, String raw) {
        return request(id, bytes(raw));
    }

    static Message request(String id, byte[] raw) {
        return new Message(MessageType.REQUEST, id, System.currentTimeMillis() * 1_000_000L, Message.NO_LATENCY, raw);
    }

    static String id(int n) {
        return String.format("%024x", n);
    }

    /** Fast timeouts and tracking on, a fixed number of workers. */
    static HttpReplayConfig config(URI target, int workers) {
        return HttpReplayConfig.defaults(target).withWorkers(workers, workers)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)).withTrackResponse(true);
    }

    /** A log whose lines a test can read. */
    static final class LinesLog implements Log {
        final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        final List<String> infos = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void warn(String line) {
            warnings.add(line);
        }

        @Override
        public void info(String line) {
            infos.add(line);
        }

        List<String> warnings() {
            synchronized (warnings) {
                return List.copyOf(warnings);
            }
        }
    }

    /** Every reply of a closed output, in arrival order. */
    static List<Message> drain(Input replies) throws Exception {
        List<Message> all = new ArrayList<>();
        Message m;
        while ((m = replies.read()) != null) {
            all.add(m);
        }
        return all;
    }
}
