package dev.shadowtap.http.transform;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;

import java.nio.charset.StandardCharsets;

/** Realistic raw requests and responses, and a transform with its stats, for the transform tests. */
final class TransformFixture {
    /** A browser-like GET: mixed-case names, a duplicate Cookie header, CRLF line ends. */
    static final String GET = "GET /api/v1/users?id=7&page=2 HTTP/1.1\r\n"
            + "Host: www.example.com\r\n"
            + "user-agent: Mozilla/5.0 (X11; Linux x86_64)\r\n"
            + "X-Api-Version: 1.02\r\n"
            + "Cookie: session=abc\r\n"
            + "cookie: theme=dark\r\n"
            + "Accept: */*\r\n"
            + "\r\n";

    private TransformFixture() {
    }

    /** A POST with a form body and the right Content-Length. */
    static String post(String path, String body, String... headers) {
        StringBuilder s = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: api.example.com\r\n");
        for (String h : headers) {
            s.append(h).append("\r\n");
        }
        s.append("Content-Type: application/x-www-form-urlencoded\r\n");
        s.append("Content-Length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n\r\n");
        return s.append(body).toString();
    }

    static Message request(String id, String raw) {
        return new Message(MessageType.REQUEST, id, 1_700_000_000_000_000_000L, Message.NO_LATENCY, bytes(raw));
    }

    static Message response(String id, String raw) {
        return new Message(MessageType.RESPONSE, id, 1_700_000_000_100_000_000L, 1_000_000, bytes(raw));
    }

    static Message replayed(String id, String raw) {
        return new Message(MessageType.REPLAYED, id, 1_700_000_000_200_000_000L, 2_000_000, bytes(raw));
    }

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static final String CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(Message m) {
        return new String(m.payload(), StandardCharsets.ISO_8859_1);
    }

    static HttpTransformConfigBuilder config() {
        return new HttpTransformConfigBuilder();
    }

    /** A transform and the stats it counts on. */
    record Stage(HttpTransform transform, StageStats stats) {
        Message apply(Message m) {
            return transform.apply(m);
        }

        /** The request's payload after the transform, or null when it was dropped. */
        String apply(String raw) {
            Message out = transform.apply(request("a1", raw));
            return out == null ? null : text(out);
        }
    }

    static Stage stage(HttpTransformConfigBuilder config) {
        StageStats stats = new StageStats("http-transform");
        return new Stage(new HttpTransform(config.build(), stats), stats);
    }
}
