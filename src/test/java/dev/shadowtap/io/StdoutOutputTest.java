package dev.shadowtap.io;

import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.pipeline.OutputGoneException;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StdoutOutputTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The separator as ISO-8859-1 text, to compare with output decoded the same way. */
    private static final String SEPARATOR = new String(dev.shadowtap.gor.GorFormat.SEPARATOR, StandardCharsets.ISO_8859_1);

    private static final Message REQUEST = new Message(MessageType.REQUEST, "8f3a0000000000000000beef",
            1_700_000_000_123_456_789L, Message.NO_LATENCY, bytes("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"));
    private static final Message RESPONSE = new Message(MessageType.RESPONSE, "8f3a0000000000000000beef",
            1_700_000_000_223_456_789L, 1_234_567L,
            bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"));

    @Test
    void printsRecordsAsGoReplay13sOutputStdoutEachEndedByTheSeparatorAndFlushesAtClose() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdoutOutput stdout = new StdoutOutput(out, false, Duration.ofHours(1), new StageStats("output-stdout"), () -> { });
        stdout.write(REQUEST);
        stdout.write(RESPONSE);
        assertThat(out.size()).isZero(); // buffered

        stdout.close();

        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                "1 8f3a0000000000000000beef 1700000000123456789\n"
                        + "GET /a HTTP/1.1\r\nHost: x\r\n\r\n" + SEPARATOR
                        + "2 8f3a0000000000000000beef 1700000000223456789 1234567\n"
                        + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n" + SEPARATOR);
        assertThatThrownBy(() -> stdout.write(REQUEST)).isInstanceOf(IOException.class);
    }

    @Test
    void prettifiesPayloadsAndCountsThoseItCannot() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Message binary = REQUEST.withPayload(bytes("\u0000\u0001 not http"));
        try (StdoutOutput stdout = new StdoutOutput(out, true, Duration.ofHours(1), new StageStats("output-stdout"), () -> { })) {
            stdout.write(RESPONSE);
            stdout.write(binary);
            stdout.write(REQUEST);
            assertThat(stdout.unprettified()).isEqualTo(1);
        }
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                "2 8f3a0000000000000000beef 1700000000223456789 1234567\n"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" + SEPARATOR
                        + "1 8f3a0000000000000000beef 1700000000123456789\n\u0000\u0001 not http" + SEPARATOR
                        + "1 8f3a0000000000000000beef 1700000000123456789\nGET /a HTTP/1.1\r\nHost: x\r\n\r\n" + SEPARATOR);
    }

    @Test
    void flushesPeriodicallyWhileOpenForInteractiveUse() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StdoutOutput stdout = new StdoutOutput(out, false, Duration.ofMillis(20), new StageStats("output-stdout"), () -> { })) {
            stdout.write(REQUEST);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (out.size() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).startsWith("1 8f3a0000000000000000beef ");
        }
    }

    /** A pipe whose reader goes after {@code limit} bytes: later writes fail as EPIPE does. */
    private static OutputStream pipeClosingAfter(int limit) {
        return new OutputStream() {
            private int taken;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (taken + len > limit) {
                    throw new IOException("Broken pipe");
                }
                taken += len;
            }
        };
    }

    private static int recordLength() throws IOException {
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        try (StdoutOutput stdout = new StdoutOutput(one, false, Duration.ofHours(1), new StageStats("one"), () -> { })) {
            stdout.write(REQUEST);
        }
        return one.size();
    }

    @Test
    void aPrintStreamThatFailsMakesTheOutputGoneOnceCountingWhatTheBufferStillHeld() throws Exception {
        // System.out is a PrintStream: it never throws, it only remembers the error (EPIPE after | head)
        StageStats stage = new StageStats("output-stdout");
        AtomicInteger goneCalls = new AtomicInteger();
        CountDownLatch gone = new CountDownLatch(1);
        StdoutOutput stdout = new StdoutOutput(new PrintStream(pipeClosingAfter(100_000)), false, Duration.ofHours(1),
                stage, () -> {
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

        // the first 64 KB went through, the second hand-over met the closed pipe: the records whose
        // bytes were still buffered are counted here (the failing one is the pipeline's to count)
        int taken = 64 * 1024 / recordLength();
        assertThat(written).isGreaterThan(taken);
        assertThat(stage.dropped(Reason.OUTPUT_GONE)).isEqualTo(written - taken);
        assertThat(stdout.gone()).isTrue();
        assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> stdout.write(REQUEST)).isInstanceOf(OutputGoneException.class);
        stdout.close(); // no flush of a gone stream, no second report, no error
        Thread.sleep(50);
        assertThat(goneCalls).hasValue(1);
        assertThat(stage.dropped(Reason.OUTPUT_GONE)).isEqualTo(written - taken);
    }

    @Test
    void aPeriodicFlushThatFailsAlsoMakesTheOutputGoneAndCountsTheBufferedRecords() throws Exception {
        StageStats stage = new StageStats("output-stdout");
        CountDownLatch gone = new CountDownLatch(1);
        try (StdoutOutput stdout = new StdoutOutput(new PrintStream(pipeClosingAfter(0)), false, Duration.ofMillis(20),
                stage, gone::countDown)) {
            stdout.write(REQUEST); // buffered: only the flush meets the closed pipe
            stdout.write(REQUEST);

            assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stdout.gone()).isTrue();
            assertThat(stage.dropped(Reason.OUTPUT_GONE)).isEqualTo(2);
            assertThatThrownBy(() -> stdout.write(REQUEST)).isInstanceOf(OutputGoneException.class);
        }
    }

    @Test
    void aFailureFoundOnlyAtCloseIsCountedAndReportedOnceWithoutACloseError() throws Exception {
        StageStats stage = new StageStats("output-stdout");
        CountDownLatch gone = new CountDownLatch(1);
        StdoutOutput stdout = new StdoutOutput(new PrintStream(pipeClosingAfter(0)), false, Duration.ofHours(1), stage,
                gone::countDown);
        for (int i = 0; i < 3; i++) {
            stdout.write(REQUEST);
        }

        stdout.close();

        assertThat(stdout.gone()).isTrue();
        assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stage.dropped(Reason.OUTPUT_GONE)).isEqualTo(3);
    }

    @Test
    void aWriteAfterCloseOnAHealthyStreamIsAnErrorNotAGoneReader() throws Exception {
        AtomicInteger goneCalls = new AtomicInteger();
        StdoutOutput stdout = new StdoutOutput(new ByteArrayOutputStream(), false, Duration.ofHours(1),
                new StageStats("output-stdout"), goneCalls::incrementAndGet);
        stdout.write(REQUEST);
        stdout.close();

        assertThatThrownBy(() -> stdout.write(REQUEST)).isInstanceOf(IOException.class)
                .isNotInstanceOf(OutputGoneException.class);
        assertThat(stdout.gone()).isFalse();
        Thread.sleep(50);
        assertThat(goneCalls).hasValue(0);
    }
}
