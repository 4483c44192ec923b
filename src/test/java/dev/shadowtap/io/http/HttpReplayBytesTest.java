package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.Stats;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Base64;
import java.util.List;

import static dev.shadowtap.io.http.ReplayFixtures.bytes;
import static dev.shadowtap.io.http.ReplayFixtures.config;
import static dev.shadowtap.io.http.ReplayFixtures.drain;
import static dev.shadowtap.io.http.ReplayFixtures.id;
import static dev.shadowtap.io.http.ReplayFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/** What reaches the target, byte for byte, over a raw loopback ServerSocket. */
class HttpReplayBytesTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private static byte[] binaryPost(String hostLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        out.writeBytes(bytes("POST /up?x=1 HTTP/1.1\r\nx-lower: a\r\n" + hostLine + "X-Dup: 1\r\nCONTENT-length: 256\r\n"
                + "X-Dup: 2\r\nx-dup: 3\r\n\r\n"));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Test
    void sendsTheCapturedBytesWithOnlyTheHostValueReplaced() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            Stats stats = new Stats();
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1), stats, new ReplayFixtures.LinesLog());
            out.write(request(id(1), binaryPost("hOsT:   shop.example.com  \r\n")));
            out.close();

            assertThat(server.received()).hasSize(1);
            assertThat(server.received().getFirst().bytes())
                    .isEqualTo(binaryPost("hOsT: 127.0.0.1:" + server.port() + "\r\n"));
            assertThat(out.stats().responses(2)).isEqualTo(1);
        }
    }

    /**
     * Bodies below, at and past the replay loop's 64 KiB native write buffer arrive byte for byte; the
     * target has a small receive buffer and waits before it reads, so the large ones go out in partial
     * writes resumed when the socket takes more.
     */
    @Test
    void bodiesOfEverySizeArriveWholeThroughPartialWrites() throws Exception {
        int[] sizes = {0, 1, 65_000, 65_536 - 80, 65_536, 65_537, 200_000, 6_000_000};
        java.util.Random random = new java.util.Random(42);
        try (java.net.ServerSocket server = new java.net.ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            List<byte[]> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Thread target = Thread.ofVirtual().start(() -> slowReader(server, received));
            HttpReplayOutput out = new HttpReplayOutput(config(URI.create("http://127.0.0.1:" + server.getLocalPort()), 1),
                    new Stats(), new ReplayFixtures.LinesLog());
            List<byte[]> sent = new java.util.ArrayList<>();
            for (int i = 0; i < sizes.length; i++) {
                byte[] body = new byte[sizes[i]];
                random.nextBytes(body);
                ByteArrayOutputStream r = new ByteArrayOutputStream();
                r.writeBytes(bytes("POST /p/" + i + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort()
                        + "\r\nContent-Length: " + body.length + "\r\n\r\n"));
                r.writeBytes(body);
                sent.add(r.toByteArray());
                out.write(request(id(1), r.toByteArray())); // one id: one after another, in order
            }
            out.close();
            target.interrupt();

            assertThat(out.stats().responses(2)).isEqualTo(sizes.length);
            assertThat(received).hasSize(sizes.length);
            for (int i = 0; i < sizes.length; i++) {
                assertThat(received.get(i)).as("request %d, body %d bytes", i, sizes[i]).isEqualTo(sent.get(i));
            }
        }
    }

    /** A keep-alive target that waits 200 ms before reading each request, then records it and answers. */
    private static void slowReader(java.net.ServerSocket server, List<byte[]> received) {
        try (java.net.Socket s = server.accept()) {
            java.io.InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            while (true) {
                Thread.sleep(200);
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(java.nio.charset.StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.write(b);
                }
                String text = head.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
                int at = text.indexOf("Content-Length: ") + "Content-Length: ".length();
                int length = Integer.parseInt(text.substring(at, text.indexOf('\r', at)));
                head.writeBytes(in.readNBytes(length));
                received.add(head.toByteArray());
                s.getOutputStream().write(bytes(OK));
            }
        } catch (java.io.IOException | InterruptedException e) {
            // the test is over
        }
    }

    @Test
    void originalHostKeepsEveryByte() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1).withTrackResponse(false).withOriginalHost(true),
                    new Stats(), new ReplayFixtures.LinesLog());
            byte[] original = binaryPost("Host: shop.example.com\r\n");
            out.write(request(id(1), original));
            out.close();

            assertThat(server.received().getFirst().bytes()).isEqualTo(original);
        }
    }

    @Test
    void addsHostAtTheEndOfTheHeadWhenMissingAndKeepsBareLineEnds() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1), new Stats(), new ReplayFixtures.LinesLog());
            out.write(request(id(1), "GET /a HTTP/1.1\r\nAccept: */*\r\n\r\n"));
            out.write(request(id(2), "GET /b HTTP/1.1\nHost: old\nAccept: */*\n\n"));
            out.close();

            assertThat(server.received()).extracting(ScriptedServer.Received::text).containsExactly(
                    "GET /a HTTP/1.1\r\nAccept: */*\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n",
                    "GET /b HTTP/1.1\nHost: 127.0.0.1:" + server.port() + "\nAccept: */*\n\n");
        }
    }

    @Test
    void anAbsoluteFormRequestLineGetsTheTargetsAuthoritySoTheReplayNeverReachesTheRecordedHost() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1), new Stats(), new ReplayFixtures.LinesLog());
            out.write(request(id(1), "GET http://prod.example.com/echo?abs=1 HTTP/1.1\r\nHost: prod.example.com\r\n\r\n"));
            out.write(request(id(2), "GET HTTPS://prod.example.com:8443?q=1 HTTP/1.0\r\n\r\n"));
            out.write(request(id(3), "OPTIONS http://prod.example.com HTTP/1.1\nHost: prod.example.com\n\n"));
            out.write(request(id(4), "GET /relative/http://not-a-host HTTP/1.1\r\nHost: h\r\n\r\n"));
            out.close();

            String target = "127.0.0.1:" + server.port();
            assertThat(server.received()).extracting(ScriptedServer.Received::text).containsExactly(
                    "GET http://" + target + "/echo?abs=1 HTTP/1.1\r\nHost: " + target + "\r\n\r\n",
                    "GET http://" + target + "?q=1 HTTP/1.0\r\nHost: " + target + "\r\n\r\n",
                    "OPTIONS http://" + target + " HTTP/1.1\nHost: " + target + "\n\n",
                    "GET /relative/http://not-a-host HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
        }
    }

    @Test
    void originalHostKeepsAnAbsoluteFormRequestLineToo() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1).withTrackResponse(false).withOriginalHost(true),
                    new Stats(), new ReplayFixtures.LinesLog());
            out.write(request(id(1), "GET http://prod.example.com/a HTTP/1.1\r\nHost: prod.example.com\r\n\r\n"));
            out.close();

            assertThat(server.received()).extracting(ScriptedServer.Received::text)
                    .containsExactly("GET http://prod.example.com/a HTTP/1.1\r\nHost: prod.example.com\r\n\r\n");
        }
    }

    @Test
    void basicAuthFromTheUrlIsAddedUnlessTheRequestHasItsOwn() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            URI target = URI.create("http://al%40ice:s3cr%3At@127.0.0.1:" + server.port() + "/ignored/base");
            HttpReplayOutput out = new HttpReplayOutput(config(target, 1), new Stats(), new ReplayFixtures.LinesLog());
            out.write(request(id(1), "GET /x HTTP/1.1\r\nHost: h\r\n\r\n"));
            out.write(request(id(2), "GET /y HTTP/1.1\r\nHost: h\r\nauthorization: Bearer t\r\n\r\n"));
            out.close();

            String basic = Base64.getEncoder().encodeToString(bytes("al@ice:s3cr:t"));
            assertThat(server.received()).extracting(ScriptedServer.Received::text).containsExactly(
                    "GET /x HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nAuthorization: Basic " + basic + "\r\n\r\n",
                    "GET /y HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nauthorization: Bearer t\r\n\r\n");
        }
    }

    @Test
    void keepAliveCarriesManyRequestsOverFewConnections() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 2), new Stats(), new ReplayFixtures.LinesLog());
            for (int i = 0; i < 200; i++) {
                out.write(request(id(i), "GET /k/" + i + " HTTP/1.1\r\nHost: h\r\n\r\n"));
            }
            out.close();
            List<Message> replies = drain(out.replies());

            assertThat(server.received()).hasSize(200);
            assertThat(server.connections()).isBetween(1, 2);
            assertThat(replies).hasSize(200).allSatisfy(m -> assertThat(m.type()).isEqualTo(MessageType.REPLAYED));
            assertThat(out.stats().stage().droppedTotal()).isZero();
        }
    }

    @Test
    void connectionCloseRequestsGetAFreshConnectionEach() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1), new Stats(), new ReplayFixtures.LinesLog());
            for (int i = 0; i < 5; i++) {
                out.write(request(id(i), "GET /c HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"));
            }
            out.write(request(id(9), "GET /k HTTP/1.1\r\nHost: h\r\n\r\n"));
            out.write(request(id(10), "GET /k HTTP/1.1\r\nHost: h\r\n\r\n"));
            out.close();

            assertThat(server.received()).hasSize(7);
            assertThat(server.connections()).isEqualTo(6);
            assertThat(server.received().get(5).connection()).isEqualTo(server.received().get(6).connection());
        }
    }

    @Test
    void serverClosingAfterEachResponseIsFollowedByAReconnect() throws Exception {
        String closing = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
        try (ScriptedServer server = new ScriptedServer((r, i, s) -> ScriptedServer.Answer.of(closing)
                .then(ScriptedServer.After.CLOSE))) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1), new Stats(), new ReplayFixtures.LinesLog());
            for (int i = 0; i < 4; i++) {
                out.write(request(id(i), "GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
            }
            out.close();

            assertThat(server.connections()).isEqualTo(4);
            assertThat(out.stats().responses(2)).isEqualTo(4);
            assertThat(out.stats().stage().droppedTotal()).isZero();
        }
    }

    @Test
    void responsesAndReplayedMessagesAreSkippedNotSentNorCountedAsLossButCountedAsSkipped() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1), new Stats(), new ReplayFixtures.LinesLog());
            out.write(new Message(MessageType.RESPONSE, id(1), 1, 5, bytes(OK)));
            out.write(new Message(MessageType.REPLAYED, id(1), 1, 5, bytes(OK)));
            out.close();

            assertThat(server.received()).isEmpty();
            assertThat(out.stats().stage().droppedTotal()).isZero();
            assertThat(out.stats().stage().skips(Reason.NOT_A_REQUEST)).isEqualTo(2);
            assertThat(out.stats().sentCount()).isZero();
        }
    }

    @Test
    void anIdleConnectionTheServerClosedIsNoticedBeforeSending() throws Exception {
        try (ScriptedServer server = new ScriptedServer((r, i, s) -> ScriptedServer.Answer.of(OK)
                .then(ScriptedServer.After.CLOSE))) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1), new Stats(), new ReplayFixtures.LinesLog());
            out.write(request(id(1), "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n"));
            Thread.sleep(1_300);
            out.write(request(id(2), "GET /2 HTTP/1.1\r\nHost: h\r\n\r\n"));
            out.close();

            assertThat(out.stats().responses(2)).isEqualTo(2);
            assertThat(out.stats().stage().droppedTotal()).isZero();
            assertThat(server.connections()).isEqualTo(2);
        }
    }
}
