package dev.shadowtap.io.raw;

import dev.shadowtap.core.Reason;
import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real traffic on the loopback, captured by each live engine (AF_PACKET and libpcap) while a raw-socket client talks to
 * the JDK's HTTP server: every request and response must come out byte-identical and paired.
 */
class RawInputLoopbackTest {
    private static final InetAddress V4 = InetAddress.getLoopbackAddress();

    @BeforeAll
    static void needsCaptureRights() {
        CaptureRights.assumeCanCapture();
    }

    private static RawInputConfig config(CaptureEngine engine, String address, boolean track) {
        return RawInputConfig.of(address, engine, track);
    }

    @ParameterizedTest
    @EnumSource(value = CaptureEngine.class, names = {"AF_PACKET", "LIBPCAP"})
    void keepAliveRequestsAndResponsesArriveByteIdenticalAndPaired(CaptureEngine engine) throws Exception {
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(engine, "127.0.0.1:" + server.port(), true));
             RawClient client = new RawClient(server.address())) {
            List<RawClient.Exchange> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(client.send(RawClient.get("/keep-alive/" + i)));
            }
            sent.add(client.send(RawClient.post("/keep-alive/post", "name=shadowtap".getBytes(), false)));
            sent.add(client.send(RawClient.get("/chunked/1")));
            List<Message> got = capture.awaitThenStop(sent.size() * 2);
            capture.assertExactly(sent, got, true);
            assertThat(new String(sent.get(6).responses().getFirst())).contains("Transfer-encoding: chunked");
        }
    }

    @ParameterizedTest
    @EnumSource(value = CaptureEngine.class, names = {"AF_PACKET", "LIBPCAP"})
    void aBarePortCapturesOnEveryInterfaceLoopbackIncludedOnce(CaptureEngine engine) throws Exception {
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(engine, ":" + server.port(), true));
             RawClient client = new RawClient(server.address())) {
            List<RawClient.Exchange> sent = List.of(client.send(RawClient.get("/any/1")),
                    client.send(RawClient.get("/chunked/any/2")));
            List<Message> got = capture.awaitThenStop(4);
            capture.assertExactly(sent, got, true);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CaptureEngine.class, names = {"AF_PACKET", "LIBPCAP"})
    void withoutTrackResponseOnlyRequestsAreEmitted(CaptureEngine engine) throws Exception {
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(engine, "127.0.0.1:" + server.port(), false));
             RawClient client = new RawClient(server.address())) {
            List<RawClient.Exchange> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(client.send(RawClient.get("/requests-only/" + i)));
            }
            List<Message> got = capture.awaitThenStop(sent.size());
            capture.assertExactly(sent, got, false);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CaptureEngine.class, names = {"AF_PACKET", "LIBPCAP"})
    void pipelinedRequestsInOneWriteArePairedInOrder(CaptureEngine engine) throws Exception {
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(engine, "127.0.0.1:" + server.port(), true));
             RawClient client = new RawClient(server.address())) {
            List<RawClient.Exchange> sent = client.pipeline(List.of(RawClient.get("/pipelined/1"),
                    RawClient.post("/pipelined/2", "abc".getBytes(), false), RawClient.get("/chunked/pipelined/3")));
            List<Message> got = capture.awaitThenStop(6);
            capture.assertExactly(sent, got, true);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CaptureEngine.class, names = {"AF_PACKET", "LIBPCAP"})
    void expectContinueGivesTheInterimAndTheFinalResponseTheRequestsId(CaptureEngine engine) throws Exception {
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(engine, "127.0.0.1:" + server.port(), true));
             RawClient client = new RawClient(server.address())) {
            RawClient.Exchange e = client.sendExpectingContinue("/continue", "the body after 100".getBytes());
            assertThat(e.responses()).hasSize(2);
            assertThat(new String(e.responses().getFirst())).startsWith("HTTP/1.1 100 ");
            List<Message> got = capture.awaitThenStop(3);
            capture.assertExactly(List.of(e), got, true);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CaptureEngine.class, names = {"AF_PACKET", "LIBPCAP"})
    void fiveMegabyteBodyWithTenMegabyteCopyBuffer(CaptureEngine engine) throws Exception {
        byte[] body = new byte[5 << 20];
        new Random(42).nextBytes(body);
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(engine, "127.0.0.1:" + server.port(), true).withMaxBodyBytes(10 << 20));
             RawClient client = new RawClient(server.address())) {
            RawClient.Exchange e = client.send(RawClient.post("/big", body, false));
            List<Message> got = capture.awaitThenStop(2);
            capture.assertExactly(List.of(e), got, true);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CaptureEngine.class, names = {"AF_PACKET", "LIBPCAP"})
    void ipv6Loopback(CaptureEngine engine) throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (LoopbackServer server = LoopbackServer.start(v6);
             LiveCapture capture = new LiveCapture(config(engine, "[::1]:" + server.port(), true));
             RawClient client = new RawClient(server.address())) {
            List<RawClient.Exchange> sent = List.of(client.send(RawClient.get("/v6/1")),
                    client.send(RawClient.post("/v6/2", "six".getBytes(), false)));
            List<Message> got = capture.awaitThenStop(4);
            capture.assertExactly(sent, got, true);
            assertThat(got.getFirst().connection().source().getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        }
    }

    @ParameterizedTest
    @EnumSource(value = CaptureEngine.class, names = {"AF_PACKET", "LIBPCAP"})
    void twoHundredParallelConnectionsOfTwoRequestsEach(CaptureEngine engine) throws Exception {
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(engine, "127.0.0.1:" + server.port(), true))) {
            List<Future<List<RawClient.Exchange>>> futures = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < 200; c++) {
                    int n = c;
                    futures.add(clients.submit(() -> {
                        try (RawClient client = new RawClient(server.address())) {
                            return List.of(client.send(RawClient.get("/parallel/" + n + "/a")),
                                    client.send(RawClient.post("/parallel/" + n + "/b", ("body " + n).getBytes(), false)));
                        }
                    }));
                }
            }
            List<RawClient.Exchange> sent = new ArrayList<>();
            for (Future<List<RawClient.Exchange>> f : futures) {
                sent.addAll(f.get());
            }
            List<Message> got = capture.awaitThenStop(800);
            capture.assertExactly(sent, got, true);
            assertThat(got.stream().map(m -> m.connection().connectionId()).distinct()).hasSize(200);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CaptureEngine.class, names = {"AF_PACKET", "LIBPCAP"})
    void aStuckPipelineCostsCountedMessagesNeverTheCapture(CaptureEngine engine) throws Exception {
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(engine, "127.0.0.1:" + server.port(), true).withQueueCapacity(2), false);
             RawClient client = new RawClient(server.address())) {
            for (int i = 0; i < 5; i++) {
                client.send(RawClient.get("/stuck/" + i));
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (capture.stage.dropped(Reason.QUEUE_FULL) < 8 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(capture.stage.dropped(Reason.QUEUE_FULL)).isEqualTo(8);
            // the two that fitted are still there, in order: the first request and its response
            Message first = capture.input.read();
            Message second = capture.input.read();
            assertThat(new String(first.payload())).startsWith("GET /stuck/0 ");
            assertThat(second.id()).isEqualTo(first.id());
        }
    }

    @Test
    void libpcapEngineCapturesTheSame() throws Exception {
        CaptureRights.assumeLibpcap();
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(RawInputConfig.of("127.0.0.1:" + server.port(), CaptureEngine.LIBPCAP, true));
             RawClient client = new RawClient(server.address())) {
            List<RawClient.Exchange> sent = new ArrayList<>();
            sent.add(client.send(RawClient.get("/libpcap/1")));
            sent.addAll(client.pipeline(List.of(RawClient.get("/libpcap/2"), RawClient.get("/chunked/libpcap/3"))));
            sent.add(client.sendExpectingContinue("/libpcap/4", "body".getBytes()));
            List<Message> got = capture.awaitThenStop(9);
            capture.assertExactly(sent, got, true);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CaptureEngine.class, names = {"AF_PACKET", "LIBPCAP"})
    void aTcpdumpFilterReplacesTheDefaultOne(CaptureEngine engine) throws Exception {
        CaptureRights.assumeLibpcap();
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(engine, "127.0.0.1:" + server.port(), true)
                     .withBpfFilter("tcp port " + server.port() + " and host 127.0.0.1"));
             RawClient client = new RawClient(server.address())) {
            List<RawClient.Exchange> sent = List.of(client.send(RawClient.get("/filtered/1")),
                    client.send(RawClient.get("/filtered/2")));
            List<Message> got = capture.awaitThenStop(4);
            capture.assertExactly(sent, got, true);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CaptureEngine.class, names = {"AF_PACKET", "LIBPCAP"})
    void realIpHeaderNamesTheClient(CaptureEngine engine) throws Exception {
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(engine, "127.0.0.1:" + server.port(), false).withRealIpHeader("X-Real-IP"));
             RawClient client = new RawClient(server.address())) {
            client.send(RawClient.get("/real-ip"));
            List<Message> got = capture.awaitThenStop(1);
            assertThat(got).hasSize(1);
            assertThat(new String(got.getFirst().payload())).isEqualTo(
                    "GET /real-ip HTTP/1.1\r\nHost: shadowtap.test\r\nUser-Agent: raw-client\r\nX-Real-IP: 127.0.0.1\r\n\r\n");
        }
    }
}
