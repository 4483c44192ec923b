package dev.shadowtap.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.cli.CommandLine;
import dev.shadowtap.cli.ParseResult;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --input-raw-protocol binary} and {@code --output-binary} end to end with real Redis servers
 * (Debian's redis-server): redis-cli's traffic to one server is captured live on loopback, and
 * replayed to another, which ends with the same keys; with {@code --compare} the replies are diffed
 * byte for byte. Needs root or CAP_NET_RAW (skipped otherwise) and redis-server (.ci/run installs it).
 */
class BinaryReplayRedisEndToEndTest {
    /** The request redis-cli sends before a batch, as the diff log writes it. */
    private static final String COMMAND_DOCS = "\"request\":\"*2\\\\r\\\\n$7\\\\r\\\\nCOMMAND\\\\r\\\\n$4\\\\r\\\\nDOCS\\\\r\\\\n\"";

    @TempDir
    Path dir;

    /** A run of the command line on a thread of its own, started and stopped as --exit-after would. */
    private record LiveRun(Thread thread, RunControl control, ByteArrayOutputStream err, AtomicInteger status) {
        static LiveRun start(String... args) throws InterruptedException {
            ParseResult parsed = CommandLine.parse(args);
            assertThat(parsed).as(parsed.toString()).isInstanceOf(ParseResult.Run.class);
            RunControl control = new RunControl();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            AtomicInteger status = new AtomicInteger(-1);
            Thread thread = Thread.ofPlatform().name("shadowtap-run").start(() -> {
                try (PrintStream o = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
                     PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                    status.set(new Application(((ParseResult.Run) parsed).options(), o, e, control).run());
                }
            });
            assertThat(control.awaitStarted(Duration.ofSeconds(30))).as("the capture opened").isTrue();
            return new LiveRun(thread, control, err, status);
        }

        /** Waits until the stage named {@code stage} was handed {@code count} messages (at most 20 s). */
        long awaitMessages(String stage, long count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long seen = 0;
            while (System.nanoTime() < deadline) {
                seen = control.stats().orElseThrow().stages().stream().filter(s -> s.name().equals(stage))
                        .mapToLong(StageStats::messages).sum();
                if (seen >= count) {
                    return seen;
                }
                Thread.sleep(20);
            }
            return seen;
        }

        /**
         * Waits until {@code --output-binary target} has sent nothing more for 500 ms (at most 20 s): a
         * request goes out once the one before it on its connection was answered.
         */
        void awaitSendingSettles(String target) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long last = -1;
            long since = System.nanoTime();
            while (System.nanoTime() < deadline) {
                long sent = control.stats().orElseThrow().details().stream()
                        .filter(d -> d instanceof dev.shadowtap.io.binary.BinaryReplayStats
                                && d.stage().name().equals("output-binary " + target))
                        .mapToLong(d -> ((dev.shadowtap.io.binary.BinaryReplayStats) d).sentCount()).sum();
                if (sent != last) {
                    last = sent;
                    since = System.nanoTime();
                } else if (System.nanoTime() - since > Duration.ofMillis(500).toNanos()) {
                    return;
                }
                Thread.sleep(20);
            }
        }

        int stop() throws InterruptedException {
            control.stop();
            thread.join(Duration.ofSeconds(30));
            return status.get();
        }

        String errText() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * redis-cli as a user types it: single commands (one connection each), and a batch on stdin (one
     * connection, where redis-cli first asks for COMMAND DOCS, a reply of some 170 KB, then sends each
     * command after the reply to the one before). Returns the exchanges made.
     */
    private static int traffic(RedisServer redis) throws Exception {
        assertThat(redis.cli("SET", "user:1", "alice")).isEqualTo("OK");
        assertThat(redis.cli("RPUSH", "list", "a", "b", "c")).isEqualTo("3");
        assertThat(redis.cli("HSET", "h", "f1", "v1", "f2", "v2")).isEqualTo("2");
        String batch = "SET user:2 bob\nAPPEND user:2 by\nINCR counter\nINCR counter\nDEL user:2\nSET user:3 carol\n"
                + "GET config:mode\n";
        assertThat(redis.batch(batch).lines().toList()).containsExactly("OK", "5", "1", "2", "1", "OK", "blue");
        return 3 + 1 + 7;
    }

    @Test
    void redisTrafficCapturedLiveToAFileReplaysToASecondRedisWithTheSameKeysAndTheSameReplies() throws Exception {
        CaptureRights.assumeCanCapture();
        RedisServer.assumeInstalled();
        Path gor = dir.resolve("redis.gor");
        try (RedisServer recorded = RedisServer.start(dir); RedisServer same = RedisServer.start(dir);
             RedisServer other = RedisServer.start(dir)) {
            // state from before the recording, which the replay targets must have as well to answer alike
            recorded.cli("SET", "config:mode", "blue");
            same.cli("SET", "config:mode", "blue");
            other.cli("SET", "config:mode", "green");

            LiveRun capture = LiveRun.start("--input-raw", "127.0.0.1:" + recorded.port(), "--input-raw-protocol", "binary",
                    "--input-raw-track-response", "--output-file", gor.toString(), "--output-file-append");
            int exchanges = traffic(recorded);
            long written = capture.awaitMessages("output-file " + gor, 2L * exchanges);
            assertThat(capture.stop()).as(capture.errText()).isZero();
            assertThat(written).as(capture.errText()).isEqualTo(2L * exchanges);
            assertThat(capture.errText()).isEmpty();

            Path report = dir.resolve("same");
            Run replay = Run.of("--input-file", gor.toString(), "--output-binary", "127.0.0.1:" + same.port(),
                    "--output-binary-track-response", "--compare-report", report.toString(), "--stats");
            assertThat(replay.status()).as(replay.err()).isZero();
            assertThat(same.contents()).isEqualTo(recorded.contents())
                    .contains("user:1 string alice", "user:3 string carol", "counter string 2", "list list a,b,c",
                            "h hash f1,v1,f2,v2").doesNotContain("user:2");
            // every reply is the recorded one byte for byte but COMMAND DOCS's (redis-cli asks for it before a
            // batch): Redis lists the commands in an order of its own process, a difference that is real
            JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
            assertThat(summary.get("compared").asLong()).as(replay.err()).isEqualTo(exchanges);
            List<String> sameDiffs = Files.readAllLines(report.resolve("diffs.jsonl"));
            assertThat(summary.get("differing").asLong()).as(sameDiffs.toString()).isEqualTo(sameDiffs.size()).isLessThanOrEqualTo(1);
            assertThat(sameDiffs).allSatisfy(line -> assertThat(line).contains("\"endpoint\":\"(binary)\"")
                    .contains(COMMAND_DOCS).contains("\"path\":\"bytes\"").contains("\"reference\":\"at byte "));
            assertThat(replay.err()).contains("output-binary 127.0.0.1:" + same.port() + ": sent " + exchanges + " (")
                    .contains("replies " + exchanges + " (").contains(", connections 4");

            // a target whose state differs answers the GET differently: found, and shown where the bytes differ
            Path diff = dir.resolve("other");
            Run differing = Run.of("--input-file", gor.toString(), "--output-binary", "127.0.0.1:" + other.port(),
                    "--output-binary-track-response", "--compare-report", diff.toString());
            assertThat(differing.status()).as(differing.err()).isZero();
            JsonNode result = new ObjectMapper().readTree(diff.resolve("summary.json").toFile());
            assertThat(result.get("compared").asLong()).isEqualTo(exchanges);
            List<String> lines = Files.readAllLines(diff.resolve("diffs.jsonl"));
            assertThat(result.get("differing").asLong()).isEqualTo(lines.size());
            assertThat(lines).filteredOn(line -> !line.contains(COMMAND_DOCS)).singleElement().satisfies(line -> assertThat(line)
                    .contains("\"request\":\"*2\\\\r\\\\n$3\\\\r\\\\nGET\\\\r\\\\n")
                    .contains("\"reference\":\"at byte 1 of 10: $4\\\\r\\\\nblue\\\\r\\\\n\"")
                    .contains("\"candidate\":\"at byte 1 of 11: $5\\\\r\\\\ngreen\\\\r\\\\n\""));
        }
    }

    @Test
    void aBadAddressIsAUsageErrorAndAnUnreachableTargetOneLineNamingIt() throws Exception {
        Path gor = Gor.write(dir.resolve("r.gor"), List.of(
                new dev.shadowtap.pipeline.Message(dev.shadowtap.pipeline.MessageType.REQUEST, "aaaa", 1,
                        dev.shadowtap.pipeline.Message.NO_LATENCY, "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII)),
                new dev.shadowtap.pipeline.Message(dev.shadowtap.pipeline.MessageType.REQUEST, "bbbb", 2,
                        dev.shadowtap.pipeline.Message.NO_LATENCY, "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII))));
        Run bad = Run.of("--input-file", gor.toString(), "--output-binary", "redis-host");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("shadowtap: --output-binary redis-host: expected host:port (e.g. staging:6379,"
                + " :6379 or [::1]:6379)\n");
        int port;
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();
        }
        Run unreachable = Run.of("--input-file", gor.toString(), "--output-binary", "127.0.0.1:" + port);
        assertThat(unreachable.status()).isEqualTo(1);
        assertThat(unreachable.err().lines().toList()).containsExactly(
                "shadowtap: output-binary 127.0.0.1:" + port + ": connect-refused (Connection refused); later ones are only counted",
                "shadowtap: output-binary 127.0.0.1:" + port + ": dropped 2 (connect-refused 2)",
                "shadowtap: output-binary 127.0.0.1:" + port + ": no request was answered (each failure is counted above by reason)");
    }

    @Test
    void redisTrafficCapturedLiveGoesStraightToASecondRedis() throws Exception {
        CaptureRights.assumeCanCapture();
        RedisServer.assumeInstalled();
        try (RedisServer recorded = RedisServer.start(dir); RedisServer replica = RedisServer.start(dir)) {
            recorded.cli("SET", "config:mode", "blue");
            replica.cli("SET", "config:mode", "blue");
            String target = "127.0.0.1:" + replica.port();
            LiveRun live = LiveRun.start("--input-raw", "127.0.0.1:" + recorded.port(), "--input-raw-protocol", "binary",
                    "--output-binary", target, "--output-binary-workers", "2");
            int exchanges = traffic(recorded);
            long handed = live.awaitMessages("output-binary " + target, exchanges);
            assertThat(handed).as(live.errText()).isEqualTo(exchanges);
            // what was handed over is sent once the requests before it on its connection were answered
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!replica.contents().equals(recorded.contents()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // the batch's last request (GET) changes no key: equal keys do not say it went out
            live.awaitSendingSettles(target);
            assertThat(live.stop()).as(live.errText()).isZero();
            assertThat(replica.contents()).isEqualTo(recorded.contents()).contains("user:3 string carol");
            assertThat(live.errText()).isEmpty();
        }
    }
}
