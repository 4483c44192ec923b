package dev.shadowtap.http.transform;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes, of any record type, never make the transform throw; a request that no rule matches
 * comes out as the very same bytes; a rewrite that applies changes its span and nothing else.
 */
class HttpTransformPropertiesTest {
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"};
    private static final String[] NAMES = {"Host", "User-Agent", "Accept", "Cookie", "X-Request-Id", "Authorization",
        "Accept-Encoding", "Referer", "X-Forwarded-For"};

    /** Every flag configured, so every rule meets the garbage. */
    private static HttpTransform everything(StageStats stats) {
        return new HttpTransform(new HttpTransformConfigBuilder()
                .allowMethod("GET").allowMethod("post").allowUrl("^/").allowUrl("example").disallowUrl("\\.png$")
                .allowHeader("Host: .").disallowHeader("User-Agent: bot").basicAuthFilter("^alice:")
                .headerLimiter("X-User: 50%").paramLimiter("uid: 50%").setHeader("X-Replay: 1").setParam("src=replay")
                .rewriteUrl("/v1/(.*):/v2/$1").rewriteHeader("Host: (.*),staging.$1").build(), stats);
    }

    /** Rules that never match the generated requests (nor fire on them): the output must be the input. */
    private static HttpTransform nothingMatches(StageStats stats) {
        return new HttpTransform(new HttpTransformConfigBuilder()
                .disallowUrl("^/never-zz").disallowHeader("X-Never: .").basicAuthFilter(".*")
                .headerLimiter("X-Never: 0%").paramLimiter("never_zz: 0%")
                .rewriteUrl("never-zz(.*):x$1").rewriteHeader("X-Never: a,b").rewriteHeader("Host: never-zz,b")
                .build(), stats);
    }

    @Property(tries = 500)
    void arbitraryBytesNeverThrow(@ForAll("payloads") byte[] payload, @ForAll("types") MessageType type,
                                  @ForAll("ids") String id) {
        StageStats stats = new StageStats("t");
        HttpTransform t = everything(stats);
        Message in = new Message(type, id, 1, Message.NO_LATENCY, payload);
        Message out = t.apply(in);
        Message again = t.apply(in);
        long passed = (out == null ? 0 : 1) + (again == null ? 0 : 1);
        assertThat(passed + stats.droppedTotal()).as("each message passed or dropped and counted").isEqualTo(2);
        for (Message m : new Message[] {out, again}) {
            if (m != null) {
                assertThat(m.type()).isEqualTo(type);
                assertThat(m.id()).isEqualTo(id);
            }
        }
        if (type != MessageType.REQUEST && out != null) {
            assertThat(out).isSameAs(in);
        }
    }

    @Property(tries = 500)
    void mangledRequestsNeverThrow(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] b = request(r);
        int edits = 1 + r.nextInt(6);
        for (int i = 0; i < edits && b.length > 0; i++) {
            switch (r.nextInt(3)) {
                case 0 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length));
                default -> b[r.nextInt(b.length)] = (byte) "\r\n: \t"
                        .charAt(r.nextInt(5));
            }
        }
        byte[] mangled = b;
        StageStats stats = new StageStats("t");
        HttpTransform t = everything(stats);
        Message out = t.apply(new Message(MessageType.REQUEST, "c" + r.nextInt(3), 1, Message.NO_LATENCY, mangled));
        assertThat(stats.droppedTotal()).as("a message not passed is counted dropped").isEqualTo(out == null ? 1 : 0);
        Message response = t.apply(new Message(MessageType.RESPONSE, "c1", 1, 5, mangled));
        if (response != null) {
            assertThat(response.payload()).isSameAs(mangled);
        }
    }

    @Property(tries = 500)
    void aRequestNoRuleMatchesComesOutByteIdentical(@ForAll long seed) {
        byte[] raw = request(new Random(seed));
        Message in = new Message(MessageType.REQUEST, "a", 1, Message.NO_LATENCY, raw.clone());
        StageStats stats = new StageStats("t");
        Message out = nothingMatches(stats).apply(in);
        assertThat(out).isSameAs(in);
        assertThat(out.payload()).isEqualTo(raw);
        assertThat(stats.droppedTotal()).isZero();
    }

    @Property(tries = 300)
    void setParamChangesOnlyTheTarget(@ForAll long seed) {
        byte[] raw = request(new Random(seed));
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int sp1 = text.indexOf(' ');
        int sp2 = text.indexOf(' ', sp1 + 1);
        String target = text.substring(sp1 + 1, sp2);
        String expected = text.substring(0, sp1 + 1) + target + "&src=replay" + text.substring(sp2);
        HttpTransform t = new HttpTransform(new HttpTransformConfigBuilder().setParam("src=replay").build(),
                new StageStats("t"));
        Message out = t.apply(new Message(MessageType.REQUEST, "a", 1, Message.NO_LATENCY, raw));
        assertThat(new String(out.payload(), StandardCharsets.ISO_8859_1)).isEqualTo(expected);
    }

    /** A valid request: random method, target with a query, mixed-case and duplicate headers, obs-fold, CRLF or LF, body. */
    static byte[] request(Random r) {
        String eol = r.nextInt(4) == 0 ? "\n" : "\r\n";
        StringBuilder head = new StringBuilder(METHODS[r.nextInt(METHODS.length)]).append(" /")
                .append(word(r)).append('/').append(word(r)).append("?q=").append(word(r)).append("&uid=").append(r.nextInt(1000))
                .append(" HTTP/1.").append(r.nextInt(2)).append(eol);
        int headers = r.nextInt(8);
        for (int i = 0; i < headers; i++) {
            String name = NAMES[r.nextInt(NAMES.length)];
            name = switch (r.nextInt(3)) {
                case 0 -> name.toLowerCase();
                case 1 -> name.toUpperCase();
                default -> name;
            };
            head.append(name).append(':').append(r.nextBoolean() ? " " : "").append(word(r)).append(r.nextBoolean() ? " " : "")
                    .append(eol);
            if (r.nextInt(10) == 0) {
                head.append(r.nextBoolean() ? " " : "\t").append(word(r)).append(eol);
            }
        }
        byte[] body = new byte[r.nextInt(3) == 0 ? 0 : r.nextInt(300)];
        r.nextBytes(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (body.length > 0 && r.nextBoolean()) {
            head.append("Transfer-Encoding: chunked").append(eol).append(eol);
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
            out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            head.append("Content-Length: ").append(body.length).append(eol).append(eol);
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static String word(Random r) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~%";
        StringBuilder s = new StringBuilder();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            s.append(chars.charAt(r.nextInt(chars.length())));
        }
        return s.toString();
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> httpish = Arbitraries.strings().withChars("GETPOSTHTP/1.0 \r\n:?&=$abcHostAuthorization")
                .ofMaxLength(300).map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
        Arbitrary<byte[]> prefixed = Arbitraries.strings().ofMaxLength(200)
                .map(s -> ("GET /" + s + " HTTP/1.1\r\nHost: " + s + "\r\nAuthorization: Basic " + s + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, httpish, prefixed);
    }

    @Provide
    Arbitrary<MessageType> types() {
        return Arbitraries.of(MessageType.class);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.of("a", "b", "c");
    }
}
