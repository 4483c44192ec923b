package dev.shadowtap.io.tcp;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.RecordingLog;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** What the output promises beyond GoReplay's: whole records, back-off, bounded queues, every loss counted. */
class TcpOutputDeliveryTest {
    private final RecordingLog log = new RecordingLog();

    @Test
    void backOffDoublesUpToItsBoundAndStartsAgainAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waits.add(backoff.failed().toMillis());
        }
        assertThat(waits).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
        assertThat(backoff.failures()).isEqualTo(6);
        backoff.succeeded();
        assertThat(backoff.failed().toMillis()).isEqualTo(100L);
    }

    @Test
    void aRecordCutByABrokenConnectionGoesAgainWholeOnTheNextAndArrivesOnce() throws Exception {
        StageStats in = new StageStats("input-tcp");
        StageStats out = new StageStats("output-tcp");
        // 32 MiB: more than the socket buffers hold, so the write is still under way when the proxy breaks it
        byte[] big = new byte[32 << 20];
        Arrays.fill(big, (byte) 'b');
        Message large = new Message(MessageType.REQUEST, "b".repeat(24), 1, Message.NO_LATENCY, big);
        try (TcpInput input = TcpFixtures.listen(Optional.empty(), 64 << 20, in, log);
             BreakingProxy proxy = new BreakingProxy(input.port(), 100_000)) {
            TcpOutput output = new TcpOutput(TcpFixtures.to(proxy.port(), 1, false), out, log);
            output.write(TcpFixtures.request(1));
            output.write(large);
            output.write(TcpFixtures.request(2));
            List<Message> got = TcpFixtures.read(input, 3, Duration.ofSeconds(30));
            output.close();
            assertThat(got).containsExactly(TcpFixtures.request(1), large, TcpFixtures.request(2));
            assertThat(TcpFixtures.read(input, 1, Duration.ofMillis(300))).isEmpty();
            assertThat(proxy.connections()).isEqualTo(2);
        }
        assertThat(in.dropped(Reason.TRUNCATED)).isEqualTo(1); // the cut copy, counted by the receiver
        assertThat(out.droppedTotal()).isZero();
        assertThat(log.warnings()).anyMatch(line -> line.contains("goes again whole"));
    }

    @Test
    void aReceiverRestartedMidRunLosesNothing() throws Exception {
        StageStats out = new StageStats("output-tcp");
        List<Message> sent = TcpFixtures.requests(0, 3000);
        List<Message> got = new ArrayList<>();
        StageStats first = new StageStats("input-tcp 1");
        TcpInput input = TcpFixtures.listen(first, log);
        int port = input.port();
        TcpOutput output = new TcpOutput(TcpFixtures.to(port, 4, false), out, log);
        for (Message m : sent.subList(0, 1000)) {
            output.write(m);
        }
        got.addAll(TcpFixtures.read(input, 500, Duration.ofSeconds(10)));
        input.close(); // SIGTERM's way: half-closes, reads what the senders still send, then ends
        for (Message m = input.read(); m != null; m = input.read()) {
            got.add(m);
        }
        for (Message m : sent.subList(1000, 2000)) {
            output.write(m); // queued while nobody listens
        }
        StageStats second = new StageStats("input-tcp 2");
        try (TcpInput again = TcpInput.open(new TcpInputConfig(new TcpAddress("127.0.0.1", port), Optional.empty(), 1 << 20,
                TcpInputConfig.Limits.DEFAULT), second, log)) {
            for (Message m : sent.subList(2000, 3000)) {
                output.write(m);
            }
            got.addAll(TcpFixtures.read(again, sent.size() - got.size(), Duration.ofSeconds(20)));
            output.close();
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(out.droppedTotal() + first.droppedTotal() + second.droppedTotal()).isZero();
    }

    @Test
    void recordsWrittenIntoAStoppingReceiversBacklogAreReadNotResetWithIt() throws Exception {
        StageStats in = new StageStats("input-tcp");
        StageStats out = new StageStats("output-tcp");
        CountDownLatch acceptHeldUp = new CountDownLatch(1); // a loaded machine: the accept thread runs late
        TcpInput input = TcpInput.open(new TcpInputConfig(new TcpAddress("127.0.0.1", 0), Optional.empty(), 1 << 20,
                new TcpInputConfig.Limits(1024, 64L << 20, Duration.ofSeconds(5), Duration.ofSeconds(2))), in, log, () -> {
            try {
                acceptHeldUp.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TcpOutput output = new TcpOutput(TcpFixtures.to(input.port(), 1, false), out, log);
        List<Message> sent = TcpFixtures.requests(0, 100);
        for (Message m : sent) {
            output.write(m);
        }
        // the kernel took them all, on a connection it completed that nobody accepted yet
        TcpReceiverRobustnessTest.waitFor(() -> output.sent() == sent.size());
        input.close();
        Thread.sleep(500); // past the backlog grace
        acceptHeldUp.countDown();
        List<Message> got = new ArrayList<>();
        for (Message m = input.read(); m != null; m = input.read()) {
            got.add(m);
        }
        output.close();
        assertThat(got).containsExactlyElementsOf(sent);
        assertThat(out.droppedTotal() + in.droppedTotal()).isZero();
    }

    @Test
    void aPeerThatCannotBeReachedCostsCountedPeerDownDropsAndCloseCountsTheQueue() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        StageStats out = new StageStats("output-tcp");
        TcpOutputConfig config = new TcpOutputConfig(new TcpAddress("127.0.0.1", closedPort), 2, false, Optional.empty(),
                false, new TcpOutputConfig.Limits(3, 1 << 20, Duration.ofMillis(300), Duration.ofMillis(300),
                Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5)));
        TcpOutput output = new TcpOutput(config, out, log);
        TcpReceiverRobustnessTest.waitFor(() -> log.warnings().stream().anyMatch(l -> l.contains("cannot connect")));
        for (Message m : TcpFixtures.requests(0, 10)) {
            output.write(m);
        }
        long started = System.nanoTime();
        output.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(out.dropped(Reason.PEER_DOWN)).isEqualTo(4);
        assertThat(out.dropped(Reason.UNSENT_AT_CLOSE)).isEqualTo(6);
        assertThat(log.warnings()).anyMatch(line -> line.contains("counted peer-down"));
        assertThat(output.lossLine()).hasValue("output-tcp 127.0.0.1:" + closedPort + ": 10 record(s) not delivered"
                + " (peer-down 4, queue-full 0, unsent-at-close 6, peer-refused 0, output-closed 0)");
    }

    @Test
    void aConnectedPeerThatReadsNothingCostsQueueFullDropsAndCloseStaysWithinItsBound() throws Exception {
        StageStats out = new StageStats("output-tcp");
        try (ServerSocket deaf = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            deaf.setReceiveBufferSize(4096);
            TcpOutputConfig config = new TcpOutputConfig(new TcpAddress("127.0.0.1", deaf.getLocalPort()), 1, false,
                    Optional.empty(), false, new TcpOutputConfig.Limits(2, 64L << 20, Duration.ofMillis(300),
                    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200),
                    Duration.ofSeconds(5)));
            TcpOutput output = new TcpOutput(config, out, log);
            try (Socket accepted = deaf.accept()) {
                byte[] payload = new byte[4 << 20];
                int total = 8;
                for (int i = 0; i < total; i++) {
                    output.write(new Message(MessageType.REQUEST, String.format("%024x", i), i, Message.NO_LATENCY, payload));
                }
                long started = System.nanoTime();
                output.close();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
                long dropped = out.dropped(Reason.QUEUE_FULL);
                long unsent = out.dropped(Reason.UNSENT_AT_CLOSE);
                assertThat(dropped).isPositive();
                assertThat(unsent).isPositive();
                assertThat(dropped + unsent + output.sent()).isEqualTo(total);
                assertThat(accepted.isClosed()).isFalse();
            }
        }
    }

    @Test
    void outputTcpStatsReportsTheQueueTheConnectionsAndTheCounts() throws Exception {
        StageStats out = new StageStats("output-tcp");
        try (TcpInput input = TcpFixtures.listen(new StageStats("input-tcp"), log)) {
            TcpOutputConfig.Limits limits = TcpFixtures.fastLimits();
            TcpOutput output = new TcpOutput(new TcpOutputConfig(new TcpAddress("127.0.0.1", input.port()), 3, false,
                    Optional.empty(), true, new TcpOutputConfig.Limits(limits.perConnection(), limits.maxBytes(),
                    limits.stall(), limits.flush(), limits.connectTimeout(), limits.firstRetry(), limits.maxRetry(),
                    Duration.ofMillis(100))), out, log);
            for (Message m : TcpFixtures.requests(0, 5)) {
                output.write(m);
            }
            assertThat(TcpFixtures.read(input, 5, Duration.ofSeconds(10))).hasSize(5);
            TcpReceiverRobustnessTest.waitFor(() -> log.infos().stream().anyMatch(l -> l.contains("sent 5")));
            output.close();
        }
        assertThat(log.infos()).anyMatch(line -> line.startsWith("output-tcp 127.0.0.1:") && line.contains("queued 0")
                && line.contains("connections up 3/3") && line.contains("sent 5") && line.contains("peer-down 0"));
    }

    /** Forwards one connection at a time to the target; the first it breaks (a reset) after {@code cutAfter} bytes. */
    private static final class BreakingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final long cutAfter;
        private volatile int connections;

        BreakingProxy(int target, long cutAfter) throws Exception {
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            this.target = target;
            this.cutAfter = cutAfter;
            Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return connections;
        }

        private void serve() {
            try {
                while (true) {
                    Socket client = server.accept();
                    int n = ++connections;
                    Thread.ofVirtual().start(() -> pipe(client, n == 1 ? cutAfter : Long.MAX_VALUE));
                }
            } catch (Exception e) {
                // closed
            }
        }

        private void pipe(Socket client, long limit) {
            try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target)) {
                InputStream in = client.getInputStream();
                OutputStream out = upstream.getOutputStream();
                byte[] buffer = new byte[8192];
                long moved = 0;
                while (moved < limit) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - moved));
                    if (n < 0) {
                        return;
                    }
                    out.write(buffer, 0, n);
                    moved += n;
                }
                upstream.setSoLinger(true, 0);
                client.setSoLinger(true, 0);
            } catch (Exception e) {
                // the test reads what arrived
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
