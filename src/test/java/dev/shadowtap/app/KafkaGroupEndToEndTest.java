package dev.shadowtap.app;

import dev.shadowtap.io.kafka.KafkaBroker;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --input-kafka-group} on a real broker, with real shadowtap processes replaying to a real HTTP
 * server: the group shares the partitions, each recorded connection is replayed by one member, in
 * order, exactly once; a member killed (SIGKILL) loses nothing and repeats at most its
 * {@code --input-kafka-max-uncommitted}; a member stopped and started again goes on where it committed.
 */
@ExtendWith(KafkaBroker.class)
class KafkaGroupEndToEndTest {
    /** Recorded client connections; each request's id names its connection, as a capture's does. */
    private static final int SESSIONS = 12;
    /** The exit status of a run stopped by SIGTERM that emptied its queues: 128 + 15, as a shell reports it. */
    private static final int SIGTERM_STATUS = 143;

    @TempDir
    Path dir;

    @Test
    void twoReplayersShareTheTopicAndReplayEachConnectionOnceInOrder() throws Exception {
        String topic = KafkaBroker.newTopic(4);
        try (RequestLog server = new RequestLog();
             Receiver a = replayer("a", topic, "g-share", server);
             Receiver b = joined(replayer("b", topic, "g-share", server))) {
            a.awaitErr("reading"); // both in the group before the first message
            feed(topic, 0, 10);
            feed(topic, 10, 10); // a second capture, later, of the same connections
            int expected = SESSIONS * 20;
            List<RequestLog.Seen> seen = server.await(60, s -> s.size() >= expected);
            Thread.sleep(500); // a repeat would come now
            seen = server.seen();

            assertThat(RequestLog.counts(seen)).as("every request exactly once").hasSize(expected)
                    .allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
            assertThat(seen.stream().map(RequestLog.Seen::replayer).collect(Collectors.toSet()))
                    .as("both replayers took part").containsExactlyInAnyOrder("a", "b");
            for (int s = 0; s < SESSIONS; s++) {
                String session = "/s" + s + "/";
                Set<String> by = seen.stream().filter(x -> x.path().startsWith(session)).map(RequestLog.Seen::replayer)
                        .collect(Collectors.toSet());
                assertThat(by).as("replayers of connection " + s).hasSize(1);
                assertThat(RequestLog.paths(seen, session, by.iterator().next())).as("connection " + s + " in order")
                        .isEqualTo(paths(s, 0, 20));
            }
            assertThat(seen).filteredOn(x -> x.method().equals("POST"))
                    .allSatisfy(x -> assertThat(x.body()).isEqualTo(body(x.path())));
            assertThat(a.stop()).as(a.err()).isEqualTo(SIGTERM_STATUS);
            assertThat(b.stop()).as(b.err()).isEqualTo(SIGTERM_STATUS);
            assertThat(a.err() + b.err()).doesNotContain("commit failed").doesNotContain("still being replayed");
            assertThat(a.err()).contains("summary: 0 messages dropped in all");
        }
    }

    @Test
    void aReplayerKilledMidwayLosesNothingAndRepeatsAtMostItsBound() throws Exception {
        String topic = KafkaBroker.newTopic(4);
        int bound = 20;
        try (RequestLog server = new RequestLog();
             Receiver a = replayer("a", topic, "g-kill", server);
             Receiver b = joined(replayer("b", topic, "g-kill", server,
                     "--input-kafka-max-uncommitted", Integer.toString(bound)))) {
            a.awaitErr("reading");
            CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> feed(topic, 0, 30, 8));
            server.await(60, s -> s.stream().filter(x -> x.replayer().equals("b")).count() >= 15);
            assertThat(feeding).as("still feeding when b is killed").isNotDone();
            b.process().destroyForcibly(); // SIGKILL: no commit, no goodbye to the group
            b.process().waitFor();
            feeding.join();
            feed(topic, 30, 5);
            int expected = SESSIONS * 35;
            List<RequestLog.Seen> seen = server.await(60, s -> RequestLog.counts(s).size() >= expected);
            Thread.sleep(500);
            seen = server.seen();

            Map<String, Integer> counts = RequestLog.counts(seen);
            assertThat(counts).as("every request at least once, said:\n" + a.err()).hasSize(expected);
            int repeats = seen.size() - counts.size();
            assertThat(repeats).as("repeats after the kill").isLessThanOrEqualTo(bound);
            assertThat(a.err()).contains("assigned, reading [0, 1, 2, 3]"); // a took b's partitions
            Set<Integer> bSessions = new HashSet<>();
            seen.stream().filter(x -> x.replayer().equals("b")).forEach(x -> bSessions.add(session(x.path())));
            for (int s = 0; s < SESSIONS; s++) {
                String prefix = "/s" + s + "/";
                List<String> byA = RequestLog.paths(seen, prefix, "a");
                List<String> byB = RequestLog.paths(seen, prefix, "b");
                assertThat(byA).as("a replays connection " + s + " in order").isSortedAccordingTo(KafkaGroupEndToEndTest::byIndex);
                assertThat(byB).as("b replayed connection " + s + " in order").isSortedAccordingTo(KafkaGroupEndToEndTest::byIndex);
                if (!bSessions.contains(s)) {
                    assertThat(byA).as("a's own connection " + s + " once each").isEqualTo(paths(s, 0, 35));
                }
            }
            assertThat(a.stop()).as(a.err()).isEqualTo(SIGTERM_STATUS);
        }
    }

    @Test
    void aReplayerThatJoinsMidStreamGoesOnWithEachMovedConnectionWhereTheOtherStopped() throws Exception {
        String topic = KafkaBroker.newTopic(4);
        try (RequestLog server = new RequestLog();
             Receiver a = replayer("a", topic, "g-join", server, "--input-kafka-offset", "-2")) { // the last one given wins
            a.awaitErr("reading");
            // in the topic at once, replayed at the recorded pace: about 14 s of traffic, time for b to start and join
            feed(topic, 0, 60, 20, "|4000%");
            int expected = SESSIONS * 60;
            // every connection under way at a before b joins, so that whichever partitions move, their
            // connections are cut mid-way (under load a may start some partitions later than others)
            server.await(60, s -> java.util.stream.IntStream.range(0, SESSIONS).allMatch(n -> s.stream()
                    .anyMatch(seen -> seen.path().startsWith("/s" + n + "/"))));
            try (Receiver b = joined(replayer("b", topic, "g-join", server, "--input-kafka-offset", "-2"))) {
                assertThat(server.seen().size()).as("b joined while the connections were being replayed").isLessThan(expected);
                List<RequestLog.Seen> seen = server.await(60, s -> s.size() >= expected);
                Thread.sleep(500);
                seen = server.seen();
                assertThat(RequestLog.counts(seen)).as("every request exactly once").hasSize(expected)
                        .allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
                int moved = 0;
                for (int s = 0; s < SESSIONS; s++) {
                    String prefix = "/s" + s + "/";
                    List<String> arrived = seen.stream().map(RequestLog.Seen::path).filter(p -> p.startsWith(prefix)).toList();
                    assertThat(arrived).as("connection " + s + " in order, across the move").isEqualTo(paths(s, 0, 60));
                    List<String> byA = RequestLog.paths(seen, prefix, "a");
                    List<String> byB = RequestLog.paths(seen, prefix, "b");
                    if (!byA.isEmpty() && !byB.isEmpty()) {
                        moved++;
                        assertThat(byA).as("a replayed the start of connection " + s).isEqualTo(paths(s, 0, byA.size()));
                    }
                }
                assertThat(moved).as("connections whose partition moved mid-way; a said:\n%s\nb said:\n%s", a.err(), b.err())
                        .isPositive();
                assertThat(a.err()).contains("revoked");
                assertThat(b.stop()).as(b.err()).isEqualTo(SIGTERM_STATUS);
            }
            assertThat(a.stop()).as(a.err()).isEqualTo(SIGTERM_STATUS);
        }
    }

    @Test
    void aReplayerStoppedAndStartedAgainGoesOnWhereItCommitted() throws Exception {
        String topic = KafkaBroker.newTopic(3);
        try (RequestLog server = new RequestLog()) {
            Receiver first = replayer("c", topic, "g-restart", server);
            try (first) {
                first.awaitErr("reading");
                feed(topic, 0, 5);
                server.await(60, s -> s.size() >= SESSIONS * 5);
                assertThat(first.stop()).as(first.err()).isEqualTo(SIGTERM_STATUS);
            }
            feed(topic, 5, 5); // while no replayer runs
            Receiver second = replayer("c2", topic, "g-restart", server);
            try (second) {
                server.await(60, s -> s.size() >= SESSIONS * 10);
                Thread.sleep(500);
                List<RequestLog.Seen> seen = server.seen();
                assertThat(RequestLog.counts(seen)).as("no start-over, no skip").hasSize(SESSIONS * 10)
                        .allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
                assertThat(seen.stream().filter(x -> x.replayer().equals("c2")).map(x -> index(x.path())))
                        .as("the second run replays only what came while none ran").allMatch(i -> i >= 5)
                        .hasSize(SESSIONS * 5);
                assertThat(second.stop()).as(second.err()).isEqualTo(SIGTERM_STATUS);
            }
        }
    }

    @Test
    void aGroupStartedAtTheNewestEndGoesOnFromWhereItFirstReadNotFromAReplayersLaterStart() throws Exception {
        String topic = KafkaBroker.newTopic(2);
        try (RequestLog server = new RequestLog()) {
            try (Receiver first = replayer("d", topic, "g-newest", server, "--input-kafka-offset", "-1")) {
                first.awaitErr("assigned");
                assertThat(first.stop()).as(first.err()).isEqualTo(SIGTERM_STATUS);
            }
            feed(topic, 0, 3); // while no replayer runs: the group was at the end before these came
            try (Receiver second = replayer("d2", topic, "g-newest", server, "--input-kafka-offset", "-1")) {
                List<RequestLog.Seen> seen = server.await(60, s -> s.size() >= SESSIONS * 3);
                assertThat(RequestLog.counts(seen)).as(second.err()).hasSize(SESSIONS * 3);
                assertThat(second.stop()).as(second.err()).isEqualTo(SIGTERM_STATUS);
            }
        }
    }

    @Test
    void groupSettingsWithoutAGroupAndAnOffsetWithOneAreRefusedInOneLine() {
        Run alone = Run.of("--input-kafka-host", "127.0.0.1:9092", "--input-kafka-topic", "t",
                "--input-kafka-max-uncommitted", "10", "--output-null");
        assertThat(alone.status()).isNotZero();
        assertThat(alone.err().strip()).endsWith("--input-kafka-max-uncommitted needs --input-kafka-group").doesNotContain("\n");
        Run offset = Run.of("--input-kafka-host", "127.0.0.1:9092", "--input-kafka-topic", "t",
                "--input-kafka-group", "g", "--input-kafka-offset", "100", "--output-null");
        assertThat(offset.status()).isNotZero();
        assertThat(offset.err().strip()).contains("--input-kafka-offset 100 with --input-kafka-group").doesNotContain("\n");
    }

    @Test
    void aSessionTimeoutTheBrokerRefusesIsOneLineNamingTheFlag() throws Exception {
        String topic = KafkaBroker.newTopic(1);
        Run run = Run.of("--input-kafka-host", KafkaBroker.bootstrap(), "--input-kafka-topic", topic,
                "--input-kafka-group", "g-short", "--input-kafka-session-timeout", "1s", "--output-null", "--exit-after", "20s");
        assertThat(run.err().strip()).as(run.err())
                .contains("--input-kafka-session-timeout: the broker refused it").doesNotContain("\tat ");
    }

    /** A replayer in {@code group}, its requests marked with its name; it starts at the oldest message the group never committed. */
    private Receiver replayer(String name, String topic, String group, RequestLog server, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--input-kafka-host", KafkaBroker.bootstrap(),
                "--input-kafka-topic", topic, "--input-kafka-group", group, "--input-kafka-offset", "-2|1000%",
                "--input-kafka-session-timeout", "6s", "--output-http", server.url(), "--recognize-tcp-sessions",
                "--http-set-header", "X-Replayer: " + name, "--stats"));
        args.addAll(List.of(extra));
        return Receiver.start(dir.resolve(name + ".err"), args);
    }

    /** Waits until a second member has its share (after the first gave it up). */
    private static Receiver joined(Receiver member) throws Exception {
        member.awaitErr("assigned");
        return member;
    }

    private void feed(String topic, int from, int count) {
        feed(topic, from, count, 2, "");
    }

    private void feed(String topic, int from, int count, int gapMs) {
        feed(topic, from, count, gapMs, "");
    }

    /**
     * Writes requests {@code from} to {@code from + count - 1} of every connection, interleaved, each with
     * its recorded response, {@code gapMs} apart, through the command line's Kafka output.
     */
    private void feed(String topic, int from, int count, int gapMs, String speed) {
        List<Message> records = new ArrayList<>();
        long ts = 1_795_000_000_000_000_000L + (long) from * SESSIONS * gapMs * 1_000_000L;
        for (int i = from; i < from + count; i++) {
            for (int s = 0; s < SESSIONS; s++) {
                String id = String.format("%04x0050%08x%08x", 40000 + s, 0x7f000001, i * SESSIONS + s);
                String path = "/s" + s + "/r" + i;
                String request = i % 3 == 0 ? "GET " + path + " HTTP/1.1\r\nHost: shop\r\n\r\n"
                        : "POST " + path + " HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\nContent-Length: "
                        + body(path).length() + "\r\n\r\n" + body(path);
                records.add(new Message(MessageType.REQUEST, id, ts, 1, request.getBytes(StandardCharsets.US_ASCII)));
                records.add(new Message(MessageType.RESPONSE, id, ts + 500_000, 1,
                        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII)));
                ts += gapMs * 1_000_000L;
            }
        }
        try {
            Path file = Gor.write(dir.resolve("feed-" + from + ".gor"), records);
            Run run = Run.of("--input-file", file + speed, "--output-kafka-host", KafkaBroker.bootstrap(),
                    "--output-kafka-topic", topic);
            assertThat(run.status()).as(run.err()).isZero();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String body(String path) {
        return "{\"path\":\"" + path + "\"}";
    }

    private static List<String> paths(int session, int from, int count) {
        List<String> paths = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            paths.add("/s" + session + "/r" + i);
        }
        return paths;
    }

    private static int session(String path) {
        return Integer.parseInt(path.substring(2, path.indexOf('/', 1)));
    }

    private static int index(String path) {
        return Integer.parseInt(path.substring(path.lastIndexOf("/r") + 2));
    }

    private static int byIndex(String p, String q) {
        return Integer.compare(index(p), index(q));
    }
}
