package dev.shadowtap.io.http;

import com.sun.net.httpserver.HttpServer;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;
import dev.shadowtap.pipeline.Emitter;
import dev.shadowtap.pipeline.EmitterOptions;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.Receipt;
import dev.shadowtap.pipeline.Sink;
import dev.shadowtap.pipeline.Source;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.shadowtap.io.http.ReplayFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What "taken" means for {@code --output-http}, through the real emitter and a real HTTP server: a
 * request's receipt settles once the target answered, not when it was queued; requests given up
 * unsent at a stop are lost (a consumer group does not commit them), the one in flight is taken.
 */
class HttpReplayReceiptTest {
    /** The input's side of a receipt: how many stages hold the message, and whether one lost it. */
    static final class Held implements Receipt {
        final AtomicInteger holds = new AtomicInteger(1);
        volatile boolean lost;
        final CountDownLatch settled = new CountDownLatch(1);

        @Override
        public void hold() {
            holds.incrementAndGet();
        }

        @Override
        public void release() {
            if (holds.decrementAndGet() == 0) {
                settled.countDown();
            }
        }

        @Override
        public void markLost() {
            lost = true;
        }

        boolean awaitSettled() throws InterruptedException {
            return settled.await(10, TimeUnit.SECONDS);
        }
    }

    /** An input fed by the test; ends when closed. */
    static final class Fed implements Input {
        final BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
        private static final Message END = request("end", "x");

        @Override
        public Message read() throws InterruptedException {
            Message m = queue.take();
            return m == END ? null : m;
        }

        @Override
        public void close() {
            queue.add(END);
        }
    }

    @Test
    void aReceiptSettlesWhenTheTargetAnsweredAndNotBefore() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(1);
        HttpServer server = holdingServer(arrived, answer);
        try {
            HttpReplayOutput output = new HttpReplayOutput(ReplayFixtures.config(url(server), 2), new Stats(), Log.SILENT);
            Fed input = new Fed();
            Emitter emitter = emitter(input, output);
            Thread run = Thread.ofPlatform().start(() -> runQuietly(emitter));
            Held receipt = new Held();
            input.queue.add(request(ReplayFixtures.id(1), "GET /held HTTP/1.1\r\nHost: h\r\n\r\n").withReceipt(receipt));

            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200);
            assertThat(receipt.holds.get()).as("held while the target has not answered").isPositive();
            answer.countDown();
            assertThat(receipt.awaitSettled()).isTrue();
            assertThat(receipt.lost).as("taken").isFalse();
            emitter.stop();
            run.join(10_000);
        } finally {
            answer.countDown();
            server.stop(0);
        }
    }

    @Test
    void requestsGivenUpUnsentAtAStopAreLostAndTheOneInFlightIsTaken() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(1);
        HttpServer server = holdingServer(arrived, answer);
        try {
            HttpReplayOutput output = new HttpReplayOutput(ReplayFixtures.config(url(server), 2), new Stats(), Log.SILENT);
            Fed input = new Fed();
            Emitter emitter = emitter(input, output);
            Thread run = Thread.ofPlatform().start(() -> runQuietly(emitter));
            // one id: the second and third wait behind the first, as a recorded connection's requests do
            List<Held> receipts = List.of(new Held(), new Held(), new Held());
            for (int i = 0; i < 3; i++) {
                input.queue.add(request("same-connection", "GET /r" + i + " HTTP/1.1\r\nHost: h\r\n\r\n")
                        .withReceipt(receipts.get(i)));
            }
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200);
            emitter.stop();
            output.abandon(); // what a SIGTERM does
            assertThat(receipts.get(1).awaitSettled()).isTrue();
            assertThat(receipts.get(2).awaitSettled()).isTrue();
            assertThat(receipts.get(1).lost).as("unsent").isTrue();
            assertThat(receipts.get(2).lost).as("unsent").isTrue();
            assertThat(receipts.get(0).holds.get()).as("in flight").isPositive();
            answer.countDown();
            assertThat(receipts.get(0).awaitSettled()).isTrue();
            assertThat(receipts.get(0).lost).as("sent and answered").isFalse();
            run.join(10_000);
        } finally {
            answer.countDown();
            server.stop(0);
        }
    }

    private static Emitter emitter(Input input, HttpReplayOutput output) {
        return new Emitter(List.of(new Source(input, new StageStats("in"))), List.of(new Sink(output, output.stats().stage())),
                EmitterOptions.DEFAULTS, Log.SILENT);
    }

    private static void runQuietly(Emitter emitter) {
        try {
            emitter.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers 200 to each request once {@code answer} opens; counts {@code arrived} down on the first. */
    private static HttpServer holdingServer(CountDownLatch arrived, CountDownLatch answer) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            arrived.countDown();
            try {
                answer.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }

    private static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
