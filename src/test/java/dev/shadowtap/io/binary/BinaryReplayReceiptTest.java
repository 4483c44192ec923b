package dev.shadowtap.io.binary;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.Stats;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.pipeline.Receipt;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What "taken" means for {@code --output-binary} (a consumer group commits only taken messages): a
 * request is held until its exchange with a real TCP server is done, and the requests given up unsent
 * at a stop are lost.
 */
class BinaryReplayReceiptTest {
    static final class Held implements Receipt {
        final AtomicInteger holds = new AtomicInteger(1); // the caller's, as the output worker's would be
        volatile boolean lost;

        @Override
        public void hold() {
            holds.incrementAndGet();
        }

        @Override
        public void release() {
            holds.decrementAndGet();
        }

        @Override
        public void markLost() {
            lost = true;
        }
    }

    @Test
    void aRequestIsHeldUntilTheTargetRepliedAndThoseBehindItAreLostAtAStop() throws Exception {
        CountDownLatch reply = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    in.readNBytes(3);
                    arrived.countDown();
                    reply.await(20, TimeUnit.SECONDS);
                    s.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    Thread.sleep(300);
                } catch (Exception e) {
                    // the test's assertions say what went wrong
                }
            });
            BinaryReplayOutput out = new BinaryReplayOutput(new BinaryReplayConfig(
                    BinaryTarget.parse("127.0.0.1:" + server.getLocalPort()), 0, Duration.ofSeconds(5),
                    new BinaryReplayConfig.Reply(false, BinaryReplayConfig.DEFAULT_RESPONSE_BUFFER), false),
                    new Stats(), Log.SILENT);
            Held first = new Held();
            Held second = new Held();
            out.write(request("A1;").withReceipt(first));
            out.write(request("A2;").withReceipt(second)); // same id: waits behind the first
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100);
            assertThat(first.holds.get()).as("held while the target has not replied").isEqualTo(2);
            out.abandon();
            assertThat(second.lost).as("given up unsent").isTrue();
            assertThat(second.holds.get()).isEqualTo(1);
            reply.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (first.holds.get() > 1 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(first.holds.get()).as("released once replied").isEqualTo(1);
            assertThat(first.lost).isFalse();
            out.close();
        }
    }

    private static Message request(String text) {
        return new Message(MessageType.REQUEST, "aaaa", 1, Message.NO_LATENCY, text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
