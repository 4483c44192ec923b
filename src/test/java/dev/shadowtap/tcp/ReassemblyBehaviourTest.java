package dev.shadowtap.tcp;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.shadowtap.tcp.Segment.ACK;
import static dev.shadowtap.tcp.Segment.FIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Reassembly beyond one hand-written script: permutations, many flows, caps, eviction, sharding. */
class ReassemblyBehaviourTest {
    private static final ReassemblyConfig CONFIG = ReassemblyConfig.DEFAULT.withServerPorts(Set.of(80));

    record Piece(int relSeq, String data, int flags) {
    }

    @Test
    void everyPermutationOfSixSegmentsWithOverlapAndFinReassemblesExactly() {
        List<Piece> pieces = List.of(new Piece(1, "GET ", ACK), new Piece(5, "/ind", ACK), new Piece(7, "ndex", ACK),
                new Piece(11, ".html", ACK), new Piece(16, " HTTP", ACK), new Piece(21, "/1.1", FIN | ACK));
        List<List<Piece>> orders = permutations(pieces);
        assertThat(orders).hasSize(720);
        for (List<Piece> order : orders) {
            Recorder recorder = new Recorder();
            TcpStats stats = new TcpStats();
            Wire wire = new Wire(new TcpReassembler(CONFIG, recorder, stats), 0xfffffff0, 5).handshake();
            order.forEach(p -> wire.client(p.relSeq(), p.data(), p.flags()));

            assertThat(recorder.stream(Direction.FROM_CLIENT)).as("order %s", order).isEqualTo("GET /index.html HTTP/1.1");
            assertThat(recorder.events).as("order %s", order).endsWith("C end");
            TcpStats.Snapshot s = stats.snapshot();
            assertThat(s.retransmittedBytes() + s.overlappingBytes()).as("the 2 bytes sent twice").isEqualTo(2);
            assertThat(s.heldBytes()).isZero();
            assertThat(s.gapCount()).isZero();
        }
    }

    @Test
    void twoDirectionsInterleavedKeepTheirOwnOrder() {
        Recorder recorder = new Recorder();
        Wire w = new Wire(new TcpReassembler(CONFIG, recorder, new TcpStats()), 100, 9000).handshake();
        w.client(1, "REQ1").server(5, "ONE").client(9, "REQ3").server(1, "RES-").client(5, "REQ2")
                .server(8, "RES-TWO").client(13, "", FIN | ACK).server(15, "", FIN | ACK);

        assertThat(recorder.events).containsExactly("open", "C REQ1", "S RES-", "S ONE", "C REQ2", "C REQ3",
                "S RES-TWO", "C end", "S end", "close FIN");
    }

    @Test
    void manyConcurrentFlowsInterleavedAndReorderedEachReassembleAlone() {
        Random random = new Random(42);
        Recorder recorder = new Recorder();
        TcpStats stats = new TcpStats();
        TcpReassembler reassembler = new TcpReassembler(CONFIG, recorder, stats);
        int flows = 2000;
        List<Wire> wires = new ArrayList<>();
        List<Runnable> sends = new ArrayList<>();
        for (int f = 0; f < flows; f++) {
            Wire wire = new Wire(reassembler, Wire.CLIENT_IP + f % 7, 20000 + f, Wire.SERVER_IP, 80, random.nextInt(), random.nextInt());
            wires.add(wire);
            wire.handshake();
            String text = "flow-" + f + "-payload-of-some-length";
            List<Runnable> mine = new ArrayList<>();
            for (int i = 0; i < text.length(); i += 5) {
                int at = i;
                mine.add(() -> wire.client(1 + at, text.substring(at, Math.min(text.length(), at + 5))));
            }
            mine.add(() -> wire.server(1, "ok-" + wire.hashCode()));
            Collections.shuffle(mine, random);
            sends.addAll(mine);
        }
        Collections.shuffle(sends, random);
        sends.forEach(Runnable::run);

        assertThat(reassembler.openConnections()).isEqualTo(flows);
        Set<Long> ids = new HashSet<>();
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (TcpConnection c : recorder.connections.values()) {
            int f = c.key().srcPort() - 20000;
            expected.add("flow-" + f + "-payload-of-some-length|ok-" + wires.get(f).hashCode() + "|false");
            actual.add(recorder.stream(c, Direction.FROM_CLIENT) + "|" + recorder.stream(c, Direction.FROM_SERVER) + "|" + c.midstream());
            ids.add(c.id());
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(ids).hasSize(flows);
        assertThat(stats.snapshot().gapCount()).isZero();
    }

    @Test
    void perStreamHeldLimitGivesUpTheFirstGapAndCountsIt() {
        Recorder recorder = new Recorder();
        TcpStats stats = new TcpStats();
        ReassemblyConfig config = CONFIG.withHeldLimits(5, 100, 1 << 20);
        Wire w = new Wire(new TcpReassembler(config, recorder, stats), 0, 0).handshake();
        w.client(1, "a").client(3, "cde").client(7, "ghi").tick(2000);

        assertThat(recorder.stream(Direction.FROM_CLIENT)).isEqualTo("a<gap 1>cde<gap 1>ghi");
        TcpStats.Snapshot s = stats.snapshot();
        assertThat(s.gapBytes().get(GapReason.HELD_LIMIT)).isEqualTo(1);
        assertThat(s.gapBytes().get(GapReason.EXPIRED)).isEqualTo(1);
    }

    @Test
    void heldPieceLimitBoundsTheWorkPerStream() {
        Recorder recorder = new Recorder();
        TcpStats stats = new TcpStats();
        Wire w = new Wire(new TcpReassembler(CONFIG.withHeldLimits(1000, 2, 1 << 20), recorder, stats), 0, 0).handshake();
        w.client(2, "b").client(4, "d").client(6, "f");

        assertThat(recorder.stream(Direction.FROM_CLIENT)).isEqualTo("<gap 1>b");
        assertThat(stats.snapshot().heldBytes()).isEqualTo(2);
    }

    @Test
    void totalHeldLimitGivesUpTheOldestWaitingGapOfAnyConnection() {
        Recorder recorder = new Recorder();
        TcpStats stats = new TcpStats();
        TcpReassembler reassembler = new TcpReassembler(CONFIG.withHeldLimits(100, 100, 6), recorder, stats);
        Wire first = new Wire(reassembler, Wire.CLIENT_IP, 30001, Wire.SERVER_IP, 80, 0, 0).at(1_000).handshake();
        Wire second = new Wire(reassembler, Wire.CLIENT_IP, 30002, Wire.SERVER_IP, 80, 0, 0).at(2_000).handshake();
        first.client(1, "a").client(3, "cde");
        second.client(1, "A").client(3, "CDE");
        second.client(7, "G");

        List<TcpConnection> cs = List.copyOf(recorder.connections.values());
        assertThat(recorder.stream(cs.get(0), Direction.FROM_CLIENT).toString()).isEqualTo("a<gap 1>cde");
        assertThat(recorder.stream(cs.get(1), Direction.FROM_CLIENT).toString()).isEqualTo("A");
        assertThat(reassembler.heldBytes()).isEqualTo(4);
        assertThat(stats.snapshot().gapBytes().get(GapReason.HELD_LIMIT)).isEqualTo(1);
    }

    @Test
    void connectionCapEvictsTheLeastRecentlyActiveAndFlushesIt() {
        Recorder recorder = new Recorder();
        TcpStats stats = new TcpStats();
        TcpReassembler reassembler = new TcpReassembler(CONFIG.withMaxConnections(2), recorder, stats);
        Wire a = new Wire(reassembler, Wire.CLIENT_IP, 30001, Wire.SERVER_IP, 80, 0, 0).handshake();
        Wire b = new Wire(reassembler, Wire.CLIENT_IP, 30002, Wire.SERVER_IP, 80, 0, 0).handshake();
        a.client(1, "a").client(3, "c");
        b.client(1, "b");
        new Wire(reassembler, Wire.CLIENT_IP, 30003, Wire.SERVER_IP, 80, 0, 0).handshake();

        assertThat(recorder.events).containsExactly("open", "open", "C a", "C b", "C gap 1", "C c", "close EVICTED", "open");
        assertThat(reassembler.connections()).isEqualTo(2);
        TcpStats.Snapshot s = stats.snapshot();
        assertThat(s.closed().get(CloseReason.EVICTED)).isEqualTo(1);
        assertThat(s.gapBytes().get(GapReason.CONNECTION_END)).isEqualTo(1);
    }

    @Test
    void closedConnectionsAreForgottenAfterTheLingerAndFirstWhenEvicting() {
        Recorder recorder = new Recorder();
        TcpReassembler reassembler = new TcpReassembler(CONFIG.withMaxConnections(2), recorder, new TcpStats());
        Wire a = new Wire(reassembler, Wire.CLIENT_IP, 30001, Wire.SERVER_IP, 80, 0, 0).handshake();
        a.client(1, "x", FIN | ACK).server(1, "", FIN | ACK);
        Wire b = new Wire(reassembler, Wire.CLIENT_IP, 30002, Wire.SERVER_IP, 80, 0, 0).handshake();
        assertThat(reassembler.connections()).isEqualTo(2);
        assertThat(reassembler.openConnections()).isEqualTo(1);

        new Wire(reassembler, Wire.CLIENT_IP, 30003, Wire.SERVER_IP, 80, 0, 0).handshake();
        assertThat(recorder.closed.values()).containsExactly(CloseReason.FIN);
        assertThat(reassembler.openConnections()).isEqualTo(2);

        b.tick(2000);
        assertThat(reassembler.connections()).isEqualTo(2);
        b.tick(58_000);
        assertThat(reassembler.connections()).isZero();
    }

    @Test
    void finishReportsWhatIsStillMissingAndClosesEverything() {
        Recorder recorder = new Recorder();
        TcpStats stats = new TcpStats();
        TcpReassembler reassembler = new TcpReassembler(CONFIG, recorder, stats);
        new Wire(reassembler, 7, 9).handshake().client(1, "ab").client(5, "ef").server(1, "ok");
        reassembler.finish();

        assertThat(recorder.events).containsExactly("open", "C ab", "S ok", "C gap 2", "C ef", "close END");
        assertThat(reassembler.connections()).isZero();
        assertThat(stats.snapshot().heldBytes()).isZero();
    }

    @Test
    void midstreamWithoutConfiguredServerPortTakesTheLowerPortForTheServer() {
        Recorder recorder = new Recorder();
        TcpReassembler reassembler = new TcpReassembler(ReassemblyConfig.DEFAULT, recorder, new TcpStats());
        new Wire(reassembler, Wire.CLIENT_IP, 51000, Wire.SERVER_IP, 8080, 0, 0).server(10, "response").client(3, "request");

        TcpConnection c = recorder.connections.values().iterator().next();
        assertThat(c.midstream()).isTrue();
        assertThat(c.server().getPort()).isEqualTo(8080);
        assertThat(c.client().getPort()).isEqualTo(51000);
        assertThat(recorder.stream(Direction.FROM_SERVER)).isEqualTo("response");
        assertThat(recorder.stream(Direction.FROM_CLIENT)).isEqualTo("request");
    }

    @Test
    void ipv6ConnectionsAreKeptApartAndTheirAddressesRestored() {
        Recorder recorder = new Recorder();
        TcpReassembler reassembler = new TcpReassembler(CONFIG, recorder, new TcpStats());
        Segment s = new Segment();
        byte[] one = "one".getBytes();
        byte[] two = "two".getBytes();
        s.ipv6(0x20010db8_00000000L, 1, 0x20010db8_00000000L, 2).ports(40000, 80).tcp(10, 0, Segment.SYN);
        reassembler.accept(s);
        s.ipv6(0x20010db8_00000000L, 3, 0x20010db8_00000000L, 2).ports(40000, 80).tcp(20, 0, Segment.SYN);
        reassembler.accept(s);
        s.ipv6(0x20010db8_00000000L, 1, 0x20010db8_00000000L, 2).ports(40000, 80).tcp(11, 0, ACK).payload(one, 0, 3);
        reassembler.accept(s);
        s.ipv6(0x20010db8_00000000L, 3, 0x20010db8_00000000L, 2).ports(40000, 80).tcp(21, 0, ACK).payload(two, 0, 3);
        reassembler.accept(s);

        List<TcpConnection> cs = List.copyOf(recorder.connections.values());
        assertThat(cs).hasSize(2);
        assertThat(cs.get(0).client().getAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(cs.get(0).toPipelineConnection().destination().getAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:2");
        assertThat(recorder.stream(cs.get(0), Direction.FROM_CLIENT).toString()).isEqualTo("one");
        assertThat(recorder.stream(cs.get(1), Direction.FROM_CLIENT).toString()).isEqualTo("two");
    }

    @Test
    void connectionHashIsSymmetricAndSpreadsOverShards() {
        Random random = new Random(7);
        int shards = 4;
        int[] perShard = new int[shards];
        Segment s = new Segment();
        for (int i = 0; i < 40_000; i++) {
            int a = random.nextInt();
            int b = random.nextInt();
            int pa = random.nextInt(65536);
            int pb = random.nextInt(65536);
            long forward = s.ipv4(a, b).ports(pa, pb).connectionHash();
            long backward = s.ipv4(b, a).ports(pb, pa).connectionHash();
            assertThat(backward).isEqualTo(forward);
            assertThat(FlowKey.of(s).connectionHash()).isEqualTo(forward);
            assertThat(ConnectionHash.shardOf(s, shards)).isEqualTo(ConnectionHash.shardOf(forward, shards));
            perShard[ConnectionHash.shardOf(forward, shards)]++;
        }
        for (int n : perShard) {
            assertThat(n).isBetween(9_000, 11_000);
        }
    }

    @Test
    void shardsNumberTheirConnectionsApart() {
        Recorder recorder = new Recorder();
        Set<Long> ids = new HashSet<>();
        for (int shard = 0; shard < 3; shard++) {
            TcpReassembler r = new TcpReassembler(CONFIG, recorder, new TcpStats(), shard, 3);
            for (int i = 0; i < 5; i++) {
                new Wire(r, Wire.CLIENT_IP, 1000 + shard * 10 + i, Wire.SERVER_IP, 80, 0, 0).syn();
            }
        }
        recorder.connections.keySet().forEach(ids::add);
        assertThat(ids).hasSize(15).doesNotContain(0L);
    }

    @Test
    void ipv4AddressesRoundTripThroughFlowKeys() {
        FlowKey key = FlowKey.of(new byte[] {10, 0, 0, 1}, 40000, new byte[] {(byte) 192, (byte) 168, 1, 2}, 80);
        assertThat(key.ipv4()).isTrue();
        assertThat(key.source().toString()).isEqualTo("/10.0.0.1:40000");
        assertThat(key.destination().toString()).isEqualTo("/192.168.1.2:80");
        assertThat(key.reversed().reversed()).isEqualTo(key);
        Segment s = new Segment().addresses(new byte[] {(byte) 192, (byte) 168, 1, 2}, new byte[] {10, 0, 0, 1}).ports(80, 40000);
        assertThat(key.matchesReversed(s)).isTrue();
        assertThat(key.matches(s)).isFalse();
    }

    @Test
    void lossEventsShowOnThePipelineStageAndBytesByReasonInTheSnapshot() {
        dev.shadowtap.core.Stats pipeline = new dev.shadowtap.core.Stats();
        TcpStats stats = new TcpStats(pipeline.stage("tcp"));
        Recorder recorder = new Recorder();
        TcpReassembler reassembler = new TcpReassembler(CONFIG, recorder, stats);
        new Wire(reassembler, Wire.CLIENT_IP, 30001, Wire.SERVER_IP, 80, 0, 0).handshake()
                .client(1, "ab").client(1, "ab").client(5, "ef").tick(2000).client(9, "ij").client(12, "l", Segment.RST);
        new Wire(reassembler, Wire.CLIENT_IP, 30002, Wire.SERVER_IP, 80, 0, 0).handshake().client(1, "x").client(3, "z");
        reassembler.finish();

        dev.shadowtap.core.StageStats.Snapshot stage = pipeline.snapshot().getFirst();
        assertThat(stage.name()).isEqualTo("tcp");
        assertThat(stage.messages()).isEqualTo(13);
        assertThat(stage.bytes()).isEqualTo(11);
        assertThat(dev.shadowtap.core.Reasons.byLabel(stage.drops())).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "gap-expired", 1L, "rst-dropped", 1L, "gap-connection-end", 1L));
        TcpStats.Snapshot s = stats.snapshot();
        assertThat(dev.shadowtap.core.Reasons.byLabel(s.bytesByReason())).containsExactly(java.util.Map.entry("retransmitted", 2L),
                java.util.Map.entry("overlapping", 0L), java.util.Map.entry("after-close", 0L),
                java.util.Map.entry("no-connection", 0L), java.util.Map.entry("out-of-window", 0L),
                java.util.Map.entry("rst-dropped", 3L),
                java.util.Map.entry("gap-expired", 2L), java.util.Map.entry("gap-held-limit", 0L),
                java.util.Map.entry("gap-connection-end", 1L));
        assertThat(s.closed()).containsEntry(CloseReason.RST, 1L).containsEntry(CloseReason.END, 1L);
        assertThat(s.open()).isZero();
    }

    @Test
    void configRejectsNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CONFIG.withExpire(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expire");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CONFIG.withMaxConnections(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> p = new ArrayList<>();
                p.add(head);
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }
}
