package dev.shadowtap.io.http;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.Stats;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.shadowtap.io.http.ReplayFixtures.bytes;
import static dev.shadowtap.io.http.ReplayFixtures.config;
import static dev.shadowtap.io.http.ReplayFixtures.drain;
import static dev.shadowtap.io.http.ReplayFixtures.id;
import static dev.shadowtap.io.http.ReplayFixtures.request;
import static dev.shadowtap.io.http.ReplayFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code Expect: 100-continue}: the body follows a 100 at once, or a short wait without one; never a 5 s stall. */
class HttpReplayContinueTest {
    private static final String REQUEST = "PUT /f HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc";
    private static final String OK = "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n";

    /** What the server saw: the head, the body, and how long after the head the body came. */
    private record Seen(String head, String body, long bodyAfterMs) {
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!text(head.toByteArray()).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed in head");
            }
            head.write(c);
        }
        return text(head.toByteArray());
    }

    private static CompletableFuture<Seen> serveOnce(ServerSocket server, boolean sendContinue) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                String head = readHead(in);
                long headAt = System.nanoTime();
                if (sendContinue) {
                    s.getOutputStream().write(bytes("HTTP/1.1 100 Continue\r\n\r\n"));
                }
                String body = text(in.readNBytes(3));
                long afterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - headAt);
                s.getOutputStream().write(bytes(OK));
                s.getOutputStream().flush();
                Thread.sleep(100);
                return new Seen(head, body, afterMs);
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static List<Message> replayOne(ServerSocket server, HttpReplayOutput[] holder) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort());
        HttpReplayOutput out = new HttpReplayOutput(config(uri, 1), new Stats(), new ReplayFixtures.LinesLog());
        holder[0] = out;
        out.write(request(id(1), REQUEST));
        out.close();
        return drain(out.replies());
    }

    @Test
    void bodyFollowsThe100AtOnceAndTheFinalResponseIsTheReply() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Seen> seen = serveOnce(server, true);
            HttpReplayOutput[] out = new HttpReplayOutput[1];
            List<Message> replies = replayOne(server, out);

            assertThat(seen.get().body()).isEqualTo("abc");
            assertThat(seen.get().bodyAfterMs()).isLessThan(150);
            assertThat(replies).extracting(m -> text(m.payload())).containsExactly(OK);
            assertThat(out[0].stats().interimCount()).isEqualTo(1);
        }
    }

    @Test
    void withoutA100TheBodyIsSentAfterAShortWait() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Seen> seen = serveOnce(server, false);
            HttpReplayOutput[] out = new HttpReplayOutput[1];
            List<Message> replies = replayOne(server, out);

            assertThat(seen.get().head()).endsWith("Content-Length: 3\r\n\r\n");
            assertThat(seen.get().body()).isEqualTo("abc");
            assertThat(seen.get().bodyAfterMs()).isBetween(150L, 1_000L);
            assertThat(replies).extracting(m -> text(m.payload())).containsExactly(OK);
        }
    }

    @Test
    void aFinalResponseInsteadOfThe100IsTheReplyAndTheBodyIsNotSent() throws Exception {
        String rejected = "HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n";
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> bodyBytes = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    readHead(s.getInputStream());
                    s.getOutputStream().write(bytes(rejected));
                    s.setSoTimeout(1_000);
                    return s.getInputStream().readNBytes(3).length;
                } catch (IOException e) {
                    return 0;
                }
            });
            HttpReplayOutput[] out = new HttpReplayOutput[1];
            List<Message> replies = replayOne(server, out);

            assertThat(replies).extracting(m -> text(m.payload())).containsExactly(rejected);
            assertThat(bodyBytes.get()).isZero();
        }
    }
}
