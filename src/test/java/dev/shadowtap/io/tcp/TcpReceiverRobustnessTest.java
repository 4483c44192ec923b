package dev.shadowtap.io.tcp;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.RecordingLog;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A receiver meets bad peers: it counts and skips their damage, and goes on serving everyone else. */
class TcpReceiverRobustnessTest {
    private final RecordingLog log = new RecordingLog();

    private static byte[] records(List<Message> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message m : messages) {
            out.writeBytes(new RecordEncoder().encode(m).bytes());
        }
        return out.toByteArray();
    }

    @Test
    void manySendersAtOnceAreAllServed() throws Exception {
        StageStats stage = new StageStats("input-tcp");
        int senders = 40;
        int each = 50;
        try (TcpInput input = TcpFixtures.listen(stage, log)) {
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int first = s * each;
                threads.add(Thread.ofVirtual().start(() -> {
                    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), input.port())) {
                        socket.getOutputStream().write(records(TcpFixtures.requests(first, each)));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            List<Message> got = TcpFixtures.read(input, senders * each, Duration.ofSeconds(20));
            for (Thread t : threads) {
                t.join();
            }
            assertThat(got).containsExactlyInAnyOrderElementsOf(TcpFixtures.requests(0, senders * each));
        }
        assertThat(stage.droppedTotal()).isZero();
    }

    @Test
    void aDamagedOrOversizedRecordIsCountedAndSkippedAndTheConnectionsLaterRecordsStillArrive() throws Exception {
        StageStats stage = new StageStats("input-tcp");
        try (TcpInput input = TcpFixtures.listen(Optional.empty(), 4096, stage, log);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), input.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(records(TcpFixtures.requests(0, 2)));
            out.write(("garbage header\nGET / HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(TcpFixtures.SEPARATOR);
            out.write(("1 " + "0".repeat(24) + " 1\n" + "x".repeat(10_000)).getBytes(StandardCharsets.ISO_8859_1));
            out.write(TcpFixtures.SEPARATOR);
            out.write(records(TcpFixtures.requests(2, 3)));
            out.flush();
            List<Message> got = TcpFixtures.read(input, 5, Duration.ofSeconds(10));
            assertThat(got).containsExactlyElementsOf(TcpFixtures.requests(0, 5));
        }
        assertThat(stage.dropped(Reason.BAD_HEADER)).isEqualTo(1);
        assertThat(stage.dropped(Reason.OVERSIZED)).isEqualTo(1);
        assertThat(log.warnings()).anyMatch(line -> line.contains("from 127.0.0.1:") && line.contains("record skipped"));
    }

    @Test
    void aSenderThatDiesMidRecordCostsThatRecordOnlyCountedAndOthersAreStillServed() throws Exception {
        StageStats stage = new StageStats("input-tcp");
        try (TcpInput input = TcpFixtures.listen(stage, log);
             Socket steady = new Socket(InetAddress.getLoopbackAddress(), input.port())) {
            steady.getOutputStream().write(records(TcpFixtures.requests(0, 3)));
            try (Socket dying = new Socket(InetAddress.getLoopbackAddress(), input.port())) {
                byte[] whole = records(TcpFixtures.requests(100, 2));
                byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 20); // the second record without its end
                dying.getOutputStream().write(cut);
                dying.setSoLinger(true, 0); // dies: a reset, not a clean end
            }
            steady.getOutputStream().write(records(TcpFixtures.requests(3, 3)));
            List<Message> got = TcpFixtures.read(input, 7, Duration.ofSeconds(10));
            assertThat(got).containsExactlyInAnyOrderElementsOf(
                    concat(TcpFixtures.requests(0, 6), TcpFixtures.requests(100, 1)));
            waitFor(() -> stage.dropped(Reason.TRUNCATED) == 1);
        }
        assertThat(stage.dropped(Reason.TRUNCATED)).isEqualTo(1);
    }

    @Test
    void garbageBytesAreCountedAndTheListenerLivesOn() throws Exception {
        StageStats stage = new StageStats("input-tcp");
        try (TcpInput input = TcpFixtures.listen(Optional.empty(), 64 << 10, stage, log)) {
            byte[] noise = new byte[1 << 20];
            new SplittableRandom(16).nextBytes(noise);
            for (int i = 0; i < 5; i++) {
                try (Socket garbage = new Socket(InetAddress.getLoopbackAddress(), input.port())) {
                    garbage.getOutputStream().write(noise);
                }
            }
            try (Socket tlsHello = new Socket(InetAddress.getLoopbackAddress(), input.port())) {
                tlsHello.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0});
            }
            try (Socket good = new Socket(InetAddress.getLoopbackAddress(), input.port())) {
                good.getOutputStream().write(records(TcpFixtures.requests(0, 4)));
                assertThat(TcpFixtures.read(input, 4, Duration.ofSeconds(10))).containsExactlyElementsOf(TcpFixtures.requests(0, 4));
            }
            waitFor(() -> input.connections() == 0);
        }
        assertThat(stage.droppedTotal()).isGreaterThanOrEqualTo(6);
        assertThat(log.warnings()).noneMatch(line -> line.contains("Exception"));
    }

    private static List<Message> concat(List<Message> a, List<Message> b) {
        List<Message> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
    }
}
