package dev.shadowtap.io;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtap.pipeline.OutputGoneException;

class StdoutOutputTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final Message REQUEST = new Message(MessageType.REQUEST, "8f3a0000000000000000beef",
            1_700_000_000_123_456_789L, Message.NO_LATENCY, bytes("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"));
    private static final Message RESPONSE = new Message(MessageType.RESPONSE, "8f3a0000000000000000beef",
            1_700_000_000_223_456_789L, 1_234_567L,
            bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"));

    @Test
    void printsRecordsAsGoReplaysOutputStdoutWithAPlainNewlineAndFlushesAtClose() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdoutOutput stdout = new StdoutOutput(out, false, Duration.ofHours(1), () -> { });
        stdout.write(REQUEST);
        stdout.write(RESPONSE);
        assertThat(out.size()).isZero(); // buffered

        stdout.close();

        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                "1 8f3a0000000000000000beef 1700000000123456789\n"
                        + "GET /a HTTP/1.1\r\nHost: x\r\n\r\n\n"
                        + "2 8f3a0000000000000000beef 1700000000223456789 1234567\n"
                        + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n\n");
        assertThatThrownBy(() -> stdout.write(REQUEST)).isInstanceOf(IOException.class);
    }

    @Test
    void prettifiesPayloadsAndCountsThoseItCannot() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Message binary = REQUEST.withPayload(bytes("\u0000\u0001 not http"));
        try (StdoutOutput stdout = new StdoutOutput(out, true, Duration.ofHours(1), () -> { })) {
            stdout.write(RESPONSE);
            stdout.write(binary);
            stdout.write(REQUEST);
            assertThat(stdout.unprettified()).isEqualTo(1);
        }
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                "2 8f3a0000000000000000beef 1700000000223456789 1234567\n"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok\n"
                        + "1 8f3a0000000000000000beef 1700000000123456789\n\u0000\u0001 not http\n"
                        + "1 8f3a0000000000000000beef 1700000000123456789\nGET /a HTTP/1.1\r\nHost: x\r\n\r\n\n");
    }

    @Test
    void flushesPeriodicallyWhileOpenForInteractiveUse() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StdoutOutput stdout = new StdoutOutput(out, false, Duration.ofMillis(20), () -> { })) {
            stdout.write(REQUEST);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (out.size() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).startsWith("1 8f3a0000000000000000beef ");
        }
    }

    @Test
    void aPrintStreamThatFailsMakesTheOutputGoneOnceAndEveryLaterWriteSaysSo() throws Exception {
        // System.out is a PrintStream: it never throws, it only remembers the error (EPIPE after | head)
        OutputStream pipe = new OutputStream() {
            private int taken;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (taken + len > 100_000) {
                    throw new IOException("Broken pipe");
                }
                taken += len;
            }
        };
        AtomicInteger goneCalls = new AtomicInteger();
        CountDownLatch gone = new CountDownLatch(1);
        StdoutOutput stdout = new StdoutOutput(new PrintStream(pipe), false, Duration.ofHours(1), () -> {
            goneCalls.incrementAndGet();
            gone.countDown();
        });
        int written = 0;
        try {
            for (; written < 10_000; written++) {
                stdout.write(REQUEST);
            }
        } catch (OutputGoneException e) {
            assertThat(e).hasMessageContaining("stdout");
        }

        // about 100 KB of ~75-byte records fit before the failure shows, one 64 KB buffer later at most
        assertThat(written).isBetween(1_000, 2_300);
        assertThat(stdout.gone()).isTrue();
        assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> stdout.write(REQUEST)).isInstanceOf(OutputGoneException.class);
        stdout.close(); // no flush of a gone stream, no second report
        Thread.sleep(50);
        assertThat(goneCalls).hasValue(1);
    }

    @Test
    void aPeriodicFlushThatFailsAlsoMakesTheOutputGone() throws Exception {
        PrintStream closedPipe = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        });
        CountDownLatch gone = new CountDownLatch(1);
        try (StdoutOutput stdout = new StdoutOutput(closedPipe, false, Duration.ofMillis(20), gone::countDown)) {
            stdout.write(REQUEST); // buffered: only the flush meets the closed pipe

            assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stdout.gone()).isTrue();
            assertThatThrownBy(() -> stdout.write(REQUEST)).isInstanceOf(OutputGoneException.class);
        }
    }
}
