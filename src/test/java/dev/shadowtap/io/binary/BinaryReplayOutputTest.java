package dev.shadowtap.io.binary;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.Stats;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --output-binary} against raw loopback servers that record every byte they get. */
class BinaryReplayOutputTest {
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private final Log log = new Log() {
        @Override
        public void warn(String line) {
            logged.add("warn " + line);
        }

        @Override
        public void info(String line) {
            logged.add(line);
        }
    };
    private final Stats stats = new Stats();

    private BinaryReplayOutput output(String address, int workers, Duration timeout, boolean track, boolean debug) {
        return new BinaryReplayOutput(new BinaryReplayConfig(BinaryTarget.parse(address), workers, timeout,
                new BinaryReplayConfig.Reply(track, BinaryReplayConfig.DEFAULT_RESPONSE_BUFFER), debug), stats, log);
    }

    private static Message request(String id, String text) {
        return new Message(MessageType.REQUEST, id, 1, Message.NO_LATENCY, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Closes the output and returns every reply it handed back. */
    private static List<Message> closeAndReadReplies(BinaryReplayOutput output) throws Exception {
        List<Message> replies = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                Message m;
                while ((m = output.replies().read()) != null) {
                    replies.add(m);
                }
            } catch (InterruptedException | java.io.IOException e) {
                Thread.currentThread().interrupt();
            }
        });
        output.close();
        reader.join(Duration.ofSeconds(10));
        return replies;
    }

    private static String text(Message m) {
        return new String(m.payload(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void theRequestsOfOneIdGoInOrderOnAConnectionOfTheirOwn() throws Exception {
        try (RecordingServer server = RecordingServer.echoing()) {
            BinaryReplayOutput out = output(server.address(), 0, Duration.ofSeconds(5), false, false);
            for (String[] r : new String[][]{{"aaaa", "A1;"}, {"bbbb", "B1;"}, {"aaaa", "A2;"}, {"bbbb", "B2;"},
                    {"aaaa", "A3;"}, {"cccc", "C1;"}}) {
                out.write(request(r[0], r[1]));
            }
            out.close();
            assertThat(server.received()).containsExactlyInAnyOrder("A1;A2;A3;", "B1;B2;", "C1;");
            assertThat(out.stats().sentCount()).isEqualTo(6);
            assertThat(out.stats().replyCount()).isEqualTo(6);
            assertThat(out.stats().connectionsMade()).isEqualTo(3);
            assertThat(out.stats().sentBytes()).isEqualTo(18);
            assertThat(out.stats().stage().droppedTotal()).isZero();
        }
    }

    @Test
    void trackedRepliesComeBackAsType3RecordsWithTheRequestsIdAndRecordedResponsesAreNotSent() throws Exception {
        try (RecordingServer server = RecordingServer.echoing()) {
            BinaryReplayOutput out = output(server.address(), 0, Duration.ofSeconds(5), true, false);
            out.write(request("aaaa", "*1\r\n$4\r\nPING\r\n"));
            out.write(new Message(MessageType.RESPONSE, "aaaa", 2, 5, "+PONG\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            out.write(request("aaaa", "second"));
            List<Message> replies = closeAndReadReplies(out);
            assertThat(replies).extracting(m -> m.type() + " " + m.id() + " " + text(m)).containsExactly(
                    "REPLAYED aaaa R(*1\r\n$4\r\nPING\r\n)", "REPLAYED aaaa R(second)");
            assertThat(replies).allSatisfy(m -> assertThat(m.latencyNs()).isPositive());
            assertThat(server.received()).containsExactly("*1\r\n$4\r\nPING\r\nsecond");
            assertThat(out.stats().stage().skips(Reason.NOT_A_REQUEST)).isEqualTo(1);
        }
    }

    @Test
    void aReplyIsReadUntilTheTargetGoesQuiet() throws Exception {
        try (RecordingServer server = RecordingServer.answering(text -> "first part,|second part,|third")) {
            BinaryReplayOutput out = output(server.address(), 0, Duration.ofSeconds(5), true, false);
            out.write(request("aaaa", "go"));
            List<Message> replies = closeAndReadReplies(out);
            assertThat(replies).extracting(BinaryReplayOutputTest::text).containsExactly("first part,second part,third");
        }
    }

    @Test
    void aTargetThatDoesNotAnswerCostsTheTimeoutIsCountedAndItsConnectionIsNotUsedAgain() throws Exception {
        try (RecordingServer server = RecordingServer.answering(text -> null)) {
            BinaryReplayOutput out = output(server.address(), 0, Duration.ofMillis(300), true, false);
            out.write(request("aaaa", "one"));
            out.write(request("aaaa", "two"));
            List<Message> replies = closeAndReadReplies(out);
            assertThat(replies).isEmpty();
            assertThat(out.stats().stage().dropped(Reason.TIMEOUT)).isEqualTo(2);
            // a reply that comes late must not pass for the next request's: each timeout closes its connection
            assertThat(server.received()).containsExactly("one", "two");
            assertThat(logged).containsExactly("warn output-binary " + server.address()
                    + ": timeout (no reply within 300 ms); later ones are only counted");
        }
    }

    @Test
    void anUnreachableTargetIsOneLineNamingTheAddressAndEveryRequestIsCounted() throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();
        }
        BinaryReplayOutput out = output("127.0.0.1:" + port, 0, Duration.ofSeconds(2), false, false);
        for (int i = 0; i < 3; i++) {
            out.write(request("id" + i, "x"));
        }
        out.close();
        assertThat(out.stats().stage().dropped(Reason.CONNECT_REFUSED)).isEqualTo(3);
        assertThat(out.stats().sentCount()).isZero();
        assertThat(logged).hasSize(1);
        assertThat(logged.getFirst()).startsWith("warn output-binary 127.0.0.1:" + port + ": connect-refused (")
                .endsWith("); later ones are only counted").doesNotContain("\n").doesNotContain("Exception");
        assertThat(out.stats().summaryLines()).contains("output-binary 127.0.0.1:" + port + ": connect-refused 3");
    }

    @Test
    void workersBoundTheConnectionsOpenAtOnceAndIdleOnesMakeRoom() throws Exception {
        try (RecordingServer server = RecordingServer.echoing()) {
            BinaryReplayOutput out = output(server.address(), 1, Duration.ofSeconds(5), false, false);
            for (String id : List.of("aaaa", "bbbb", "cccc", "aaaa")) {
                out.write(request(id, id.substring(0, 1)));
            }
            out.close();
            Thread.sleep(150); // the server counts what is open 100 ms after each accept: let the last count run
            // never two at once; a count may also find none open when the replay ended within the 100 ms
            assertThat(server.maxOpen()).isLessThanOrEqualTo(1);
            assertThat(server.received()).as("one connection per session, each made when the one before was idle")
                    .hasSizeGreaterThanOrEqualTo(3);
            assertThat(String.join("", server.received())).hasSize(4);
            assertThat(out.stats().replyCount()).isEqualTo(4);
            assertThat(out.stats().stage().droppedTotal()).isZero();
        }
    }

    @Test
    void debugLogsEachStepWithIdsAndSizesButNeverThePayload() throws Exception {
        try (RecordingServer server = RecordingServer.echoing()) {
            BinaryReplayOutput out = output(server.address(), 0, Duration.ofSeconds(5), false, true);
            out.write(request("aaaa", "SECRET-PAYLOAD"));
            out.close();
            String prefix = "output-binary " + server.address() + ": id aaaa: ";
            assertThat(logged).anySatisfy(l -> assertThat(l).startsWith(prefix + "connected from local port "))
                    .contains(prefix + "sending 14 bytes")
                    .anySatisfy(l -> assertThat(l).startsWith(prefix + "received 17 bytes, the first after "))
                    .contains("output-binary " + server.address() + ": session aaaa: disconnected (nothing more to send)")
                    .noneSatisfy(l -> assertThat(l).contains("SECRET"));
        }
    }

    @Test
    void withoutDebugASuccessfulReplayLogsNothing() throws Exception {
        try (RecordingServer server = RecordingServer.echoing()) {
            BinaryReplayOutput out = output(server.address(), 0, Duration.ofSeconds(5), false, false);
            out.write(request("aaaa", "x"));
            out.close();
            assertThat(logged).isEmpty();
            assertThat(out.stats().summaryLines().getFirst()).isEqualTo("output-binary " + server.address()
                    + ": sent 1 (1 bytes), replies 1 (4 bytes), truncated 0, connections 1");
        }
    }

    @Test
    void aReplyLongerThanTheBufferIsCutAndCounted() throws Exception {
        try (RecordingServer server = RecordingServer.answering(text -> "0123456789".repeat(10))) {
            BinaryReplayOutput out = new BinaryReplayOutput(new BinaryReplayConfig(BinaryTarget.parse(server.address()),
                    0, Duration.ofSeconds(5), new BinaryReplayConfig.Reply(true, 25), false), stats, log);
            out.write(request("aaaa", "x"));
            List<Message> replies = closeAndReadReplies(out);
            assertThat(replies).extracting(BinaryReplayOutputTest::text).containsExactly("0123456789012345678901234");
            assertThat(out.stats().truncatedCount()).isEqualTo(1);
            assertThat(out.stats().replyBytes()).isEqualTo(100);
        }
    }

    @Test
    void addressesAreParsedAsGoReplayTakesThem() {
        assertThat(BinaryTarget.parse("staging:6379")).isEqualTo(new BinaryTarget("staging", 6379));
        assertThat(BinaryTarget.parse(":6379")).isEqualTo(new BinaryTarget("localhost", 6379));
        assertThat(BinaryTarget.parse("[::1]:6379").address()).isEqualTo("[::1]:6379");
        for (String bad : List.of("staging", "staging:", "staging:0", "staging:70000", "::1", "http://x:80")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BinaryTarget.parse(bad))
                    .hasMessage("--output-binary " + bad + ": expected host:port (e.g. staging:6379, :6379 or [::1]:6379)");
        }
    }
}
