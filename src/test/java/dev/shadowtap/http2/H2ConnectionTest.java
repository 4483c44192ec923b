package dev.shadowtap.http2;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's two byte streams made into records: frames with padding, priority and CONTINUATION,
 * interleaved streams, trailers, resets, SETTINGS acknowledged; the same records for any chunking;
 * a capture joined mid-connection or cut by a gap marks and counts what it cannot know.
 */
class H2ConnectionTest {
    private final StageStats stage = new StageStats("input-raw");
    private final List<String> records = new ArrayList<>();
    private int nextId;

    private H2Connection connection(boolean midstream) {
        H2Options options = new H2Options(true, 64 << 10, 1 << 20);
        H2Sink sink = (request, id, ts, span, payload, tokens) -> records.add((request ? "1 " : "2 ") + id + " @" + ts
                + " [" + tokens + "]\n" + new String(payload, StandardCharsets.ISO_8859_1));
        return midstream ? H2Connection.midstream(options, () -> "id" + ++nextId, stage, sink)
                : H2Connection.priorKnowledge(options, () -> "id" + ++nextId, stage, sink);
    }

    /** Client bytes: two streams, one a POST with padded, priority'd HEADERS split by CONTINUATION, padded DATA and trailers. */
    static byte[] client() {
        byte[] get = H2Wire.block().indexed(2).indexed(6).indexed(4).add(":authority", "svc:8080").add("user-agent", "t/1").bytes();
        byte[] post = H2Wire.block().indexed(3).indexed(6).literal(":path", "/pkg.Svc/Method").indexed(63)
                .add("content-type", "application/grpc").indexed(63).bytes();
        byte[] postHead = new byte[1 + 5 + 10 + 3]; // pad length, priority, first 10 bytes of the block, 3 padding bytes
        postHead[0] = 3;
        System.arraycopy(post, 0, postHead, 6, 10);
        byte[] paddedData = new byte[1 + 5 + 2];
        paddedData[0] = 2;
        System.arraycopy("hello".getBytes(StandardCharsets.US_ASCII), 0, paddedData, 1, 5);
        return H2Wire.preface().settings(Frames.SETTINGS_HEADER_TABLE_SIZE, 4096).settingsAck()
                .headers(1, true, get)
                .frame(Frames.HEADERS, Frames.PADDED | Frames.PRIORITY_FLAG, 3, postHead)
                .frame(Frames.CONTINUATION, 0, 3, java.util.Arrays.copyOfRange(post, 10, 14))
                .frame(Frames.CONTINUATION, Frames.END_HEADERS, 3, java.util.Arrays.copyOfRange(post, 14, post.length))
                .frame(Frames.DATA, Frames.PADDED, 3, paddedData)
                .frame(Frames.WINDOW_UPDATE, 0, 0, new byte[]{0, 0, 1, 0})
                .data(3, false, " world")
                .headers(3, true, H2Wire.block().literal("x-checksum", "abc").bytes())
                .headers(5, false, H2Wire.block().indexed(2).indexed(6).literal(":path", "/slow").indexed(64).bytes())
                .frame(Frames.RST_STREAM, 0, 5, new byte[]{0, 0, 0, 8})
                .bytes();
    }

    /** Server bytes: stream 3 answered before 1, DATA interleaved, gRPC trailers, a 103 before stream 1's answer. */
    static byte[] server() {
        return H2Wire.frames().settings().settingsAck()
                .headers(1, false, H2Wire.block().indexed(8).add("server", "n").bytes())
                .headers(3, false, H2Wire.block().indexed(8).indexed(62).add("content-type", "application/grpc").bytes())
                .data(1, false, "body of ")
                .data(3, false, "\0\0\0\0\2hi")
                .data(1, true, "one")
                .headers(3, true, H2Wire.block().literal("grpc-status", "0").literal("grpc-message", "").bytes())
                .bytes();
    }

    private static final List<String> EXPECTED = List.of(
            "1 id1 @1 [h2 stream=1 pseudo=method,scheme,path,authority scheme=http]\n"
                    + "GET / HTTP/2.0\r\nHost: svc:8080\r\nuser-agent: t/1\r\n\r\n",
            "1 id2 @1 [h2 stream=3 pseudo=method,scheme,path,authority scheme=http framing=chunked]\n"
                    + "POST /pkg.Svc/Method HTTP/2.0\r\nHost: svc:8080\r\ncontent-type: application/grpc\r\nuser-agent: t/1\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nb\r\nhello world\r\n0\r\nx-checksum: abc\r\n\r\n",
            "1 id3 @1 [h2 stream=5 pseudo=method,scheme,path,authority scheme=http rst=CANCEL]\n"
                    + "GET /slow HTTP/2.0\r\nHost: svc:8080\r\n\r\n",
            "2 id1 @2 [h2 stream=1 pseudo=status framing=length]\n"
                    + "HTTP/2.0 200 OK\r\nserver: n\r\nContent-Length: 11\r\n\r\nbody of one",
            "2 id2 @2 [h2 stream=3 pseudo=status framing=chunked]\n"
                    + "HTTP/2.0 200 OK\r\nserver: n\r\ncontent-type: application/grpc\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "7\r\n\0\0\0\0\2hi\r\n0\r\ngrpc-status: 0\r\ngrpc-message: \r\n\r\n");

    @Test
    void streamsBecomeOneRequestAndOneResponseRecordEachPairedById() {
        H2Connection c = connection(false);
        byte[] client = client();
        byte[] server = server();
        c.data(true, client, 0, client.length, 1);
        c.data(false, server, 0, server.length, 2);
        c.close();
        assertThat(records).containsExactlyElementsOf(EXPECTED);
        assertThat(stage.snapshot().drops()).isEmpty();
    }

    @Test
    void httpOneCodeFramesEachRecordExactlyAndReadsItsHead() throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        H2Connection framed = H2Connection.priorKnowledge(new H2Options(true, 64 << 10, 1 << 20), () -> "x", stage,
                (request, id, ts, span, payload, tokens) -> payloads.add(payload));
        byte[] client = client();
        byte[] server = server();
        framed.data(true, client, 0, client.length, 1);
        framed.data(false, server, 0, server.length, 2);
        assertThat(payloads).hasSize(5);
        for (byte[] p : payloads) {
            assertThat(dev.shadowtap.http.MessageLength.of(p, 0, p.length)).isEqualTo(p.length);
            assertThat(dev.shadowtap.http.HttpHead.parse(p).version()).isEqualTo("HTTP/2.0");
        }
        // --prettify-http and the comparison de-chunk the trailered body to the DATA bytes
        String post = new String(new dev.shadowtap.http.Prettifier().prettify(payloads.get(1)), StandardCharsets.ISO_8859_1);
        assertThat(post).startsWith("POST /pkg.Svc/Method HTTP/2.0\r\n").endsWith("\r\n\r\nhello world");
    }

    @Property(tries = 200)
    void anyChunkingGivesTheSameRecords(@ForAll @IntRange(min = 1, max = 40) int maxChunk, @ForAll long seed) {
        records.clear();
        nextId = 0;
        H2Connection c = connection(false);
        Random random = new Random(seed);
        byte[] client = client();
        byte[] server = server();
        feed(c, true, client, random, maxChunk, 1);
        feed(c, false, server, random, maxChunk, 2);
        c.close();
        assertThat(records).containsExactlyElementsOf(EXPECTED);
    }

    private static void feed(H2Connection c, boolean fromClient, byte[] b, Random random, int maxChunk, long ns) {
        for (int p = 0; p < b.length; ) {
            int n = Math.min(b.length - p, 1 + random.nextInt(maxChunk));
            byte[] chunk = java.util.Arrays.copyOfRange(b, p, p + n); // a fresh array each time, as captures give
            c.data(fromClient, chunk, 0, n, ns);
            p += n;
        }
    }

    @Test
    void anAcknowledgedHeaderTableSizeLimitsTheTableOfTheOtherDirection() {
        H2Connection c = connection(false);
        byte[] client = H2Wire.preface().settings(Frames.SETTINGS_HEADER_TABLE_SIZE, 64)
                .headers(1, true, H2Wire.block().indexed(2).indexed(6).indexed(4).bytes())
                .headers(3, true, H2Wire.block().indexed(2).indexed(6).indexed(4).bytes()).bytes();
        // the server acknowledges, then adds two 41-byte entries: with 64 bytes only the newer stays, so 63 is unknown
        byte[] server = H2Wire.frames().settings().settingsAck()
                .headers(1, true, H2Wire.block().indexed(8).add("x-a", "aaaaaa").add("x-b", "bbbbbb").bytes())
                .headers(3, true, H2Wire.block().indexed(8).indexed(62).indexed(63).bytes()).bytes();
        c.data(true, client, 0, client.length, 1);
        c.data(false, server, 0, server.length, 2);
        assertThat(records.get(3)).startsWith("2 id2 @2 [h2 stream=3 pseudo=status unknown=1]\n")
                .contains("x-b: bbbbbb\r\nx-shadowtap-unknown: \r\n");
        assertThat(stage.repairs(Reason.H2_UNKNOWN_HEADER)).isEqualTo(1);
    }

    @Test
    void aCaptureJoinedMidConnectionFindsTheFramesMarksUnknownFieldsAndCountsUnseenStreams() {
        byte[] client = client();
        byte[] server = server();
        // the capture starts inside stream 3's HEADERS: streams 1 (all) and 3 (its start) are lost
        int clientFrom = 0;
        while (!(client[clientFrom + 3] == Frames.HEADERS && client[clientFrom + 8] == 3)) {
            clientFrom++;
        }
        clientFrom += 5;
        H2Connection c = connection(true);
        byte[] more = H2Wire.frames()
                .headers(7, true, H2Wire.block().indexed(2).indexed(6).indexed(4).indexed(62).indexed(65).bytes()).bytes();
        byte[] tail = concat(java.util.Arrays.copyOfRange(client, clientFrom, client.length), more);
        c.data(true, tail, 0, tail.length, 1);
        byte[] serverMore = H2Wire.frames().headers(7, true, H2Wire.block().indexed(8).bytes()).bytes();
        byte[] serverTail = concat(java.util.Arrays.copyOfRange(server, 7, server.length), serverMore);
        c.data(false, serverTail, 0, serverTail.length, 2);
        c.close();
        assertThat(records).hasSize(3);
        assertThat(records.get(0)).startsWith("1 id1 @1 [h2 stream=5 ").contains("rst=CANCEL").contains("unknown=1");
        assertThat(records.get(1)).isEqualTo("1 id2 @1 [h2 stream=7 pseudo=method,scheme,path scheme=http unknown=2]\n"
                + "GET / HTTP/2.0\r\nx-shadowtap-unknown: \r\nx-shadowtap-unknown: \r\n\r\n");
        assertThat(records.get(2)).startsWith("2 id2 @2 [h2 stream=7 pseudo=status]\nHTTP/2.0 200 OK\r\n");
        assertThat(stage.dropped(Reason.H2_STREAM_UNSEEN)).isEqualTo(2); // streams 3 and 1
        assertThat(stage.repairs(Reason.H2_UNKNOWN_HEADER)).isEqualTo(2);
        assertThat(stage.repairs(Reason.H2_RESYNC)).isEqualTo(2);
    }

    @Test
    void aGapCutsTheMessagesInProgressAndTheRestGoesOn() {
        H2Connection c = connection(false);
        byte[] client = H2Wire.preface().settings()
                .headers(1, false, H2Wire.block().indexed(3).indexed(6).indexed(4).add(":authority", "h").bytes())
                .data(1, false, "part one").bytes();
        c.data(true, client, 0, client.length, 1);
        c.gap(true, 100); // the rest of stream 1 and whatever else was lost
        byte[] after = H2Wire.frames().data(1, true, "end")
                .headers(3, true, H2Wire.block().indexed(2).indexed(6).indexed(4).indexed(62).bytes())
                .headers(5, true, H2Wire.block().indexed(2).indexed(6).literal(":path", "/five").bytes()).bytes();
        c.data(true, after, 0, after.length, 2);
        c.close();
        assertThat(stage.dropped(Reason.INCOMPLETE)).isEqualTo(1);
        assertThat(records).hasSize(2);
        assertThat(records.get(0)).isEqualTo("1 id2 @2 [h2 stream=3 pseudo=method,scheme,path scheme=http unknown=1]\n"
                + "GET / HTTP/2.0\r\nx-shadowtap-unknown: \r\n\r\n");
        assertThat(records.get(1)).startsWith("1 id3 @2 [h2 stream=5 pseudo=method,scheme,path scheme=http]\nGET /five HTTP/2.0");
    }

    @Test
    void aMalformedHeaderBlockDropsItsMessageAndTheConnectionGoesOn() {
        H2Connection c = connection(false);
        byte[] client = H2Wire.preface().settings()
                .headers(1, true, new byte[]{(byte) 0x80}) // index 0
                .headers(3, true, H2Wire.block().indexed(2).indexed(6).indexed(4).bytes()).bytes();
        c.data(true, client, 0, client.length, 1);
        assertThat(stage.dropped(Reason.H2_BAD_HEADER_BLOCK)).isEqualTo(1);
        assertThat(records).singleElement().asString().startsWith("1 id2 @1 [h2 stream=3 ");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
