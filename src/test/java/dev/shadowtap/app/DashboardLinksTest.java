package dev.shadowtap.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowtap.observe.PromText;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The links outside the process on the dashboard of a real run: an {@code --output-tcp} whose peer is
 * down (no connection up, its records queued, said in a note), then up (connected, the queue drained);
 * the {@code --input-tcp} the records came in by; a {@code --middleware} program running. In
 * {@code /api/stats} and as gauges in {@code /metrics}.
 */
class DashboardLinksTest {
    @Test
    void tcpPeerDownThenUpAndTheMiddlewareAreShownAsTheyStand() throws Exception {
        int peerPort = Receiver.freePort();
        String tcpOut = "output-tcp 127.0.0.1:" + peerPort;
        try (DashboardRun run = DashboardRun.start("--output-tcp", "127.0.0.1:" + peerPort, "--middleware", "cat")) {
            run.send(3);
            JsonNode down = awaitLink(run, tcpOut, l -> l.get("waiting").asLong() == 6);
            assertThat(down.get("kind").asText()).isEqualTo("tcp-out");
            assertThat(down.get("up").asInt()).isZero();
            assertThat(down.get("of").asInt()).isEqualTo(10); // --output-tcp-workers' default
            assertThat(down.get("note").asText()).isEqualTo("the peer cannot be reached");
            JsonNode middleware = awaitLink(run, "middleware", l -> l.get("up").asInt() == 1);
            assertThat(middleware.get("kind").asText()).isEqualTo("middleware");
            assertThat(middleware.get("note").asText()).isEmpty();
            JsonNode input = awaitLink(run, run.stats().get("stages").get(0).get("name").asText(), l -> true);
            assertThat(input.get("kind").asText()).isEqualTo("tcp-in");
            assertThat(input.get("of").isNull()).isTrue();
            PromText metrics = PromText.parse(run.get("/metrics", "text/plain").body(), false);
            assertThat(metrics.value("shadowtap_link_up", "stage", tcpOut, "kind", "tcp-out")).isZero();
            assertThat(metrics.value("shadowtap_link_waiting_messages", "stage", tcpOut, "kind", "tcp-out")).isEqualTo(6);
            assertThat(metrics.value("shadowtap_link_up", "stage", "middleware", "kind", "middleware")).isEqualTo(1);

            AtomicLong received = new AtomicLong();
            try (ServerSocket peer = new ServerSocket(peerPort, 50, InetAddress.getLoopbackAddress())) {
                Thread.ofVirtual().start(() -> acceptAndRead(peer, received));
                JsonNode up = awaitLink(run, tcpOut, l -> l.get("up").asInt() > 0 && l.get("waiting").asLong() == 0);
                assertThat(up.get("note").asText()).isEmpty();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (received.get() == 0 && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                assertThat(received.get()).as("bytes the peer got").isPositive();
                run.stop();
            }
        }
    }

    private static JsonNode awaitLink(DashboardRun run, String stage, Predicate<JsonNode> when) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode stats = run.stats();
        while (System.nanoTime() < until) {
            stats = run.stats();
            for (JsonNode link : stats.get("links")) {
                if (link.get("stage").asText().equals(stage) && when.test(link)) {
                    return link;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no link " + stage + " as expected in\n" + stats + "\n" + run.err());
    }

    private static void acceptAndRead(ServerSocket peer, AtomicLong received) {
        try {
            while (true) {
                Socket socket = peer.accept();
                Thread.ofVirtual().start(() -> {
                    try (InputStream in = socket.getInputStream()) {
                        byte[] buffer = new byte[8192];
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            received.addAndGet(n);
                        }
                    } catch (Exception e) {
                        // the run closed the connection
                    }
                });
            }
        } catch (Exception e) {
            // the test closed the listener
        }
    }
}
