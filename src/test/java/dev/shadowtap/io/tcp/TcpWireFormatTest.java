package dev.shadowtap.io.tcp;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.RecordingLog;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** GoReplay's wire form, byte for byte, in both directions, over real loopback sockets. */
class TcpWireFormatTest {
    private final RecordingLog log = new RecordingLog();

    @Test
    void aStreamWrittenAsGoReplaysOutputTcpWritesItIsReadRecordByRecord() throws Exception {
        StageStats stage = new StageStats("input-tcp");
        try (TcpInput input = TcpFixtures.listen(stage, log);
             Socket goReplay = new Socket(InetAddress.getLoopbackAddress(), input.port())) {
            OutputStream out = goReplay.getOutputStream();
            // output_tcp.go's writeToConnection: conn.Write(msg.Meta); conn.Write(msg.Data); conn.Write(separator)
            String[][] records = {
                    {"1 a1b2c3d4e5f6a7b8c9d0e1f2 1700000000000000001\n", "GET /one HTTP/1.1\r\nHost: x\r\n\r\n"},
                    {"2 a1b2c3d4e5f6a7b8c9d0e1f2 1700000000000000002 1234567\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"},
                    {"1 0123456789abcdef0123456789abcdef01234567 1700000000000000003 0\n",
                            "POST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello\nworld"},
            };
            for (String[] record : records) {
                out.write(record[0].getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                out.write(record[1].getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                out.write(TcpFixtures.SEPARATOR);
                out.flush();
            }
            List<Message> got = TcpFixtures.read(input, 3, Duration.ofSeconds(10));
            assertThat(got).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(got.get(i).header() + "\n").isEqualTo(records[i][0]);
                assertThat(new String(got.get(i).payload(), StandardCharsets.ISO_8859_1)).isEqualTo(records[i][1]);
            }
            assertThat(stage.droppedTotal()).isZero();
        }
    }

    @Test
    void whatOutputTcpSendsIsGoReplaysFormAndOnlyOriginalTraffic() throws Exception {
        List<Message> messages = List.of(
                new Message(MessageType.REQUEST, "a1b2c3d4e5f6a7b8c9d0e1f2", 1700000000000000001L, Message.NO_LATENCY,
                        "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                new Message(MessageType.RESPONSE, "a1b2c3d4e5f6a7b8c9d0e1f2", 1700000000000000002L, 1234567,
                        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1)),
                new Message(MessageType.REPLAYED, "a1b2c3d4e5f6a7b8c9d0e1f2", 1700000000000000003L, 99,
                        "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                new Message(MessageType.REQUEST, "0123456789abcdef0123456789abcdef01234567", 1700000000000000004L, 0,
                        "GET /x HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(TcpFixtures.goReplayRecord("1 a1b2c3d4e5f6a7b8c9d0e1f2 1700000000000000001\n",
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        expected.writeBytes(TcpFixtures.goReplayRecord("2 a1b2c3d4e5f6a7b8c9d0e1f2 1700000000000000002 1234567\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        expected.writeBytes(TcpFixtures.goReplayRecord("1 0123456789abcdef0123456789abcdef01234567 1700000000000000004 0\n",
                "GET /x HTTP/1.1\r\n\r\n"));

        StageStats stage = new StageStats("output-tcp");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            TcpOutput output = new TcpOutput(TcpFixtures.to(server.getLocalPort(), 1, false), stage, log);
            Socket connection = server.accept();
            for (Message m : messages) {
                output.write(m);
            }
            output.close();
            byte[] received = connection.getInputStream().readAllBytes();
            assertThat(new String(received, StandardCharsets.UTF_8)).isEqualTo(expected.toString(StandardCharsets.UTF_8));
            assertThat(received).isEqualTo(expected.toByteArray());
        }
        assertThat(stage.skips(Reason.NOT_ORIGINAL)).isEqualTo(1);
        assertThat(stage.droppedTotal()).isZero();
    }

    @Test
    void stickyDealsByFnv32aOfTheIdModuloTheWorkersAsGoReplay() throws Exception {
        // Go: fnv.New32a(); Write([]byte("a")) -> 0xe40c292c; "foobar" -> 0xbf9cf968
        assertThat(TcpOutput.connectionOf("a", 1 << 30)).isEqualTo(0xe40c292c & ((1 << 30) - 1));
        assertThat(TcpOutput.connectionOf("foobar", 7)).isEqualTo((int) (0xbf9cf968L % 7));

        int workers = 4;
        StageStats stage = new StageStats("output-tcp");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(String.format("%024x", i * 7919L));
        }
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            TcpOutput output = new TcpOutput(TcpFixtures.to(server.getLocalPort(), workers, true), stage, log);
            List<Socket> connections = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                connections.add(server.accept());
            }
            for (String id : ids) {
                for (MessageType type : List.of(MessageType.REQUEST, MessageType.RESPONSE)) {
                    output.write(new Message(type, id, 1, Message.NO_LATENCY, "x".getBytes(StandardCharsets.ISO_8859_1)));
                }
            }
            output.close();
            List<Set<Integer>> groups = new CopyOnWriteArrayList<>();
            Map<String, Integer> seenOn = new HashMap<>();
            for (int c = 0; c < workers; c++) {
                String stream = new String(connections.get(c).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                Set<Integer> slots = new HashSet<>();
                for (String id : ids) {
                    if (stream.contains(" " + id + " ")) {
                        assertThat(seenOn.put(id, c)).as("id %s on two connections", id).isNull();
                        slots.add(TcpOutput.connectionOf(id, workers));
                        assertThat(stream.split(" " + id + " ", -1)).as("request and response together").hasSize(3);
                    }
                }
                groups.add(slots);
            }
            assertThat(seenOn).hasSize(ids.size());
            // each connection carries exactly the ids of one FNV slot
            for (Set<Integer> slots : groups) {
                assertThat(slots).hasSizeLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void withSessionsStickyKeepsEachRecordedConnectionOnOneConnection() throws Exception {
        int workers = 8;
        StageStats stage = new StageStats("output-tcp");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            TcpOutputConfig plain = TcpFixtures.to(server.getLocalPort(), workers, true);
            TcpOutputConfig sessions = new TcpOutputConfig(plain.address(), workers, true, plain.tls(), false, plain.limits(), true);
            TcpOutput output = new TcpOutput(sessions, stage, log);
            List<Socket> connections = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                connections.add(server.accept());
            }
            // three recorded connections (GoReplay 1.3 ids: the connection, then a counter), ten requests each
            for (int n = 0; n < 10; n++) {
                for (int s = 0; s < 3; s++) {
                    String id = String.format("%04x0050%08x%08x", 40_000 + s, 0x0a000001, 100 * s + n);
                    output.write(new Message(MessageType.REQUEST, id, 1, Message.NO_LATENCY, "x".getBytes(StandardCharsets.ISO_8859_1)));
                }
            }
            output.close();
            Map<Integer, Integer> connectionOfSession = new HashMap<>();
            for (int c = 0; c < workers; c++) {
                String stream = new String(connections.get(c).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                for (int s = 0; s < 3; s++) {
                    int records = stream.split(String.format(" %04x0050", 40_000 + s), -1).length - 1;
                    if (records > 0) {
                        assertThat(records).as("session %d whole on one connection", s).isEqualTo(10);
                        assertThat(connectionOfSession.put(s, c)).isNull();
                    }
                }
            }
            assertThat(connectionOfSession).hasSize(3);
        }
    }

    @Test
    void ourOutputFeedsOurInputAndEveryRecordArrivesOnce() throws Exception {
        StageStats in = new StageStats("input-tcp");
        StageStats out = new StageStats("output-tcp");
        try (TcpInput input = TcpFixtures.listen(in, log)) {
            TcpOutput output = new TcpOutput(TcpFixtures.to(input.port(), 10, false), out, log);
            List<Message> sent = TcpFixtures.requests(0, 2000);
            for (Message m : sent) {
                output.write(m);
            }
            List<Message> got = TcpFixtures.read(input, sent.size(), Duration.ofSeconds(20));
            output.close();
            assertThat(got).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(output.sent()).isEqualTo(sent.size());
        }
        assertThat(in.droppedTotal()).isZero();
        assertThat(out.droppedTotal()).isZero();
    }

}
