package dev.shadowtap.http;

import dev.shadowtap.core.Connection;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.http2.H2Wire;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The pairing on its own, fed bytes, gaps and ends per direction as a reassembler would: no TCP, no capture. */
class HttpPairingTest {
    private static final Connection CONNECTION = new Connection(new InetSocketAddress("10.0.0.1", 40000),
            new InetSocketAddress("10.0.0.2", 80), 7);

    private final StageStats stage = new StageStats("input-raw");
    private final List<Message> out = new ArrayList<>();
    private int ids;

    private HttpPairing pairing(boolean trackResponse, boolean allowIncomplete) {
        return new HttpPairing(new PairingOptions(trackResponse, allowIncomplete, Optional.empty(), 1 << 20),
                c -> "id" + ++ids, stage, out::add);
    }

    private static void send(HttpPairing pairing, HttpExchange ex, boolean client, String text, long timestampNs) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        pairing.data(ex, client, bytes, 0, bytes.length, timestampNs);
    }

    private List<String> summary() {
        return out.stream().map(m -> m.type() + " " + m.id() + " @" + m.timestampNs() + " "
                + new String(m.payload(), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("")).toList();
    }

    @Test
    void pipelinedRequestsTakeTheirResponsesInOrder() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ex = pairing.open(CONNECTION);
        send(pairing, ex, true, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n", 1000);
        send(pairing, ex, false, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA", 1500);
        send(pairing, ex, false, "HTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\nB", 1700);
        pairing.close(ex);
        assertThat(summary()).containsExactly("REQUEST id1 @1000 GET /a HTTP/1.1", "REQUEST id2 @1000 GET /b HTTP/1.1",
                "RESPONSE id1 @1500 HTTP/1.1 200 OK", "RESPONSE id2 @1700 HTTP/1.1 404 Not Found");
        assertThat(out).allMatch(m -> m.connection().equals(CONNECTION));
        assertThat(stage.snapshot().drops()).isEmpty();
    }

    @Test
    void eachMessagesLatencyFieldIsItsFirstToLastPacketTimeAsGoReplayWritesIt() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ex = pairing.open(CONNECTION);
        send(pairing, ex, true, "POST /a HTTP/1.1\r\nContent-Length: 4\r\n", 1000);
        send(pairing, ex, true, "\r\nab", 1040);
        send(pairing, ex, true, "cd", 1100);
        send(pairing, ex, false, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nA", 1500);
        send(pairing, ex, false, "B", 1730);
        // a 100 Continue before the body: held until its request is whole, its own time kept
        send(pairing, ex, true, "PUT /b HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n", 2000);
        send(pairing, ex, false, "HTTP/1.1 100 Cont", 2050);
        send(pairing, ex, false, "inue\r\n\r\n", 2060);
        send(pairing, ex, true, "x", 2200);
        send(pairing, ex, false, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", 2300);
        pairing.close(ex);
        assertThat(out).extracting(Message::header).containsExactly(
                "1 id1 1000 100", "2 id1 1500 230", "1 id2 2000 200", "2 id2 2050 10", "2 id2 2300 0");
    }

    @Test
    void afterAnAcceptedUpgradeOrConnectTheClientsBytesAreTheTunnelsNotRequests() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ws = pairing.open(CONNECTION);
        send(pairing, ws, true, "GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", 1000);
        send(pairing, ws, false, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", 1100);
        send(pairing, ws, true, "GET /not-a-request HTTP/1.1\r\nHost: x\r\n\r\n", 1200);
        send(pairing, ws, false, "\u0081\u0005hello", 1300);
        pairing.close(ws);
        HttpExchange tunnel = pairing.open(CONNECTION);
        send(pairing, tunnel, true, "CONNECT db:5432 HTTP/1.1\r\nHost: db:5432\r\n\r\n", 2000);
        send(pairing, tunnel, false, "HTTP/1.1 200 Connection established\r\n\r\n", 2100);
        send(pairing, tunnel, true, "POST /inside HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 2200);
        pairing.close(tunnel);

        assertThat(summary()).containsExactly("REQUEST id1 @1000 GET /chat HTTP/1.1",
                "RESPONSE id1 @1100 HTTP/1.1 101 Switching Protocols",
                "REQUEST id2 @2000 CONNECT db:5432 HTTP/1.1", "RESPONSE id2 @2100 HTTP/1.1 200 Connection established");
        assertThat(stage.skips(Reason.TUNNEL)).isEqualTo(2);
        assertThat(stage.snapshot().drops()).isEmpty();
    }

    private static void send(HttpPairing pairing, HttpExchange ex, boolean client, byte[] bytes, int chunk, long timestampNs) {
        for (int p = 0; p < bytes.length; p += chunk) {
            pairing.data(ex, client, bytes, p, Math.min(chunk, bytes.length - p), timestampNs);
        }
    }

    @Test
    void anHttp2PrefaceMakesTheConnectionsStreamsRecordsEvenWhenTheServersSettingsComeFirst() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ex = pairing.open(CONNECTION);
        byte[] server = H2Wire.frames().settings().settingsAck()
                .headers(1, true, H2Wire.block().indexed(8).bytes()).bytes();
        byte[] client = H2Wire.preface().settings().settingsAck()
                .headers(1, true, H2Wire.block().indexed(2).indexed(6).indexed(4).add(":authority", "a:80").bytes()).bytes();
        send(pairing, ex, false, java.util.Arrays.copyOf(server, 18), 5, 900); // the server's SETTINGS and ACK before the preface
        send(pairing, ex, true, client, 7, 1000); // the preface arrives in pieces
        send(pairing, ex, false, java.util.Arrays.copyOfRange(server, 18, server.length), 100, 1100);
        pairing.close(ex);
        assertThat(summary()).containsExactly("REQUEST id1 @1000 GET / HTTP/2.0", "RESPONSE id1 @1100 HTTP/2.0 200 OK");
        assertThat(out).extracting(Message::extra).containsExactly(
                "h2 stream=1 pseudo=method,scheme,path,authority scheme=http", "h2 stream=1 pseudo=status");
        assertThat(new String(out.getFirst().payload(), StandardCharsets.ISO_8859_1)).contains("\r\nHost: a:80\r\n");
        assertThat(stage.snapshot().drops()).isEmpty();
        assertThat(stage.skips(Reason.TUNNEL)).isZero();
    }

    @Test
    void anH2cUpgradeAnsweredWith101MakesTheRequestStreamOneAndItsAnswerComesOnIt() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ex = pairing.open(CONNECTION);
        send(pairing, ex, true, "GET /index.html HTTP/1.1\r\nHost: a:80\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\nAccept: */*\r\n\r\n", 1000);
        byte[] afterSwitch = H2Wire.frames().settings().headers(1, false, H2Wire.block().indexed(8).bytes())
                .data(1, true, "hello").bytes();
        byte[] switching = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] serverChunk = java.util.Arrays.copyOf(switching, switching.length + afterSwitch.length);
        System.arraycopy(afterSwitch, 0, serverChunk, switching.length, afterSwitch.length);
        send(pairing, ex, false, serverChunk, serverChunk.length, 1100);
        byte[] client = H2Wire.preface().settings().settingsAck()
                .headers(3, true, H2Wire.block().indexed(2).indexed(6).literal(":path", "/second").bytes()).bytes();
        send(pairing, ex, true, client, client.length, 1200);
        send(pairing, ex, false, H2Wire.frames().headers(3, true, H2Wire.block().indexed(13).bytes()).bytes(), 9, 1300);
        pairing.close(ex);
        assertThat(summary()).containsExactly("REQUEST id1 @1000 GET /index.html HTTP/2.0", "RESPONSE id1 @1100 HTTP/2.0 200 OK",
                "REQUEST id2 @1200 GET /second HTTP/2.0", "RESPONSE id2 @1300 HTTP/2.0 404 Not Found");
        assertThat(new String(out.getFirst().payload(), StandardCharsets.ISO_8859_1))
                .isEqualTo("GET /index.html HTTP/2.0\r\nHost: a:80\r\nAccept: */*\r\n\r\n");
        assertThat(out.getFirst().extra()).isEqualTo("h2 stream=1 upgrade");
        assertThat(new String(out.get(1).payload(), StandardCharsets.ISO_8859_1)).endsWith("Content-Length: 5\r\n\r\nhello");
        assertThat(stage.snapshot().drops()).isEmpty();
    }

    @Test
    void anUpgradeTheServerIgnoresStaysHttp1() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ex = pairing.open(CONNECTION);
        send(pairing, ex, true, "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                + "HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n", 1000);
        send(pairing, ex, false, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 1100);
        send(pairing, ex, true, "GET /next HTTP/1.1\r\nHost: a\r\n\r\n", 1200);
        pairing.close(ex);
        assertThat(summary()).containsExactly("REQUEST id1 @1000 GET / HTTP/1.1", "RESPONSE id1 @1100 HTTP/1.1 200 OK",
                "REQUEST id2 @1200 GET /next HTTP/1.1");
        assertThat(out).allMatch(m -> m.extra().isEmpty());
    }

    @Test
    void aMidstreamConnectionOfHttp1IsFramedAsBefore() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ex = pairing.open(CONNECTION, true);
        send(pairing, ex, false, "tail of a body\r\n", 900);
        send(pairing, ex, true, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n", 1000);
        send(pairing, ex, false, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA", 1100);
        pairing.close(ex);
        assertThat(summary()).containsExactly("REQUEST id1 @1000 GET /a HTTP/1.1", "RESPONSE id1 @1100 HTTP/1.1 200 OK");
    }

    @Test
    void aRefusedConnectLeavesTheConnectionHttp() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ex = pairing.open(CONNECTION);
        send(pairing, ex, true, "CONNECT db:5432 HTTP/1.1\r\nHost: db:5432\r\nContent-Length: 3\r\n\r\n", 1000);
        send(pairing, ex, false, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n", 1100);
        send(pairing, ex, true, "GET /next HTTP/1.1\r\n\r\n", 1200);
        pairing.close(ex);
        assertThat(summary()).containsExactly("REQUEST id1 @1000 CONNECT db:5432 HTTP/1.1",
                "RESPONSE id1 @1100 HTTP/1.1 407 Proxy Authentication Required", "REQUEST id2 @1200 GET /next HTTP/1.1");
        assertThat(stage.skips(Reason.TUNNEL)).isZero();
    }

    @Test
    void anUnframeableResponseCostsThatResponseOnlyAndPairingStaysExact() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ex = pairing.open(CONNECTION);
        send(pairing, ex, true, "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\n\r\n", 1000);
        send(pairing, ex, false, "HTTP/1.1 200 OK\r\nContent-Length: 5x\r\n\r\nhello", 1100);
        send(pairing, ex, false, "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", 1200);
        send(pairing, ex, false, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n", 1300);
        pairing.close(ex);
        assertThat(summary()).containsExactly("REQUEST id1 @1000 GET /a HTTP/1.1", "REQUEST id2 @1000 GET /b HTTP/1.1",
                "REQUEST id3 @1000 GET /c HTTP/1.1", "RESPONSE id2 @1200 HTTP/1.1 201 Created",
                "RESPONSE id3 @1300 HTTP/1.1 202 Accepted");
        assertThat(stage.dropped(Reason.BAD_CONTENT_LENGTH)).isEqualTo(1);
    }

    @Test
    void aHeadOverTheLimitCostsThatMessageOnlyInEitherDirection() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ex = pairing.open(CONNECTION);
        String huge = "X-Huge: " + "h".repeat(70 * 1024) + "\r\n";
        send(pairing, ex, true, "GET /a HTTP/1.1\r\n\r\n", 1000);
        // the server's answer to /a has a head over the limit and a body that holds a status line
        String fake = "HTTP/1.1 500 Fake\r\nContent-Length: 0\r\n\r\n";
        send(pairing, ex, false, "HTTP/1.1 200 OK\r\n" + huge + "Content-Length: " + fake.length() + "\r\n\r\n" + fake, 1100);
        // a HEAD request over the limit: dropped, but its answer is still framed as a HEAD's (no body)
        send(pairing, ex, true, "HEAD /big HTTP/1.1\r\n" + huge + "\r\n", 1200);
        send(pairing, ex, false, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", 1300);
        send(pairing, ex, true, "GET /c HTTP/1.1\r\n\r\n", 1400);
        send(pairing, ex, false, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nc", 1500);
        pairing.close(ex);
        assertThat(summary()).containsExactly("REQUEST id1 @1000 GET /a HTTP/1.1", "REQUEST id2 @1400 GET /c HTTP/1.1",
                "RESPONSE id2 @1500 HTTP/1.1 200 OK");
        // the HEAD's answer has no request left to pair with: counted, not lost in silence
        assertThat(stage.snapshot().drops()).containsOnly(Map.entry(Reason.HEAD_TOO_LARGE, 2L),
                Map.entry(Reason.RESPONSE_TO_LOST_REQUEST, 1L));
    }

    @Test
    void aStatusLineInABrokenResponsesBodyIsNoResponseWhenNoneIsOwed() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ex = pairing.open(CONNECTION);
        send(pairing, ex, true, "GET /a HTTP/1.1\r\n\r\n", 1000);
        send(pairing, ex, false, "HTTP/1.1 200 OK\r\nContent-Length: 5x\r\n\r\nHTTP/1.1 299 Fake\r\nContent-Length: 0\r\n\r\n", 1100);
        send(pairing, ex, true, "GET /b HTTP/1.1\r\n\r\n", 1200);
        send(pairing, ex, false, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 1300);
        pairing.close(ex);
        assertThat(summary()).containsExactly("REQUEST id1 @1000 GET /a HTTP/1.1", "REQUEST id2 @1200 GET /b HTTP/1.1",
                "RESPONSE id2 @1300 HTTP/1.1 200 OK");
        assertThat(stage.snapshot().drops()).containsExactly(Map.entry(Reason.BAD_CONTENT_LENGTH, 1L));
    }

    @Test
    void bytesBeforeAStatusLineAreNoResponseAndTakeNoRequestsPlace() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ex = pairing.open(CONNECTION);
        send(pairing, ex, true, "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n", 1000);
        // the server sent two bytes more than its Content-Length said: they are glued to the next status line
        send(pairing, ex, false, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdeHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", 1100);
        pairing.close(ex);
        assertThat(summary()).containsExactly("REQUEST id1 @1000 GET /a HTTP/1.1", "REQUEST id2 @1000 GET /b HTTP/1.1",
                "RESPONSE id1 @1100 HTTP/1.1 200 OK", "RESPONSE id2 @1100 HTTP/1.1 201 Created");
        assertThat(stage.snapshot().drops()).containsExactly(Map.entry(Reason.BAD_START_LINE, 1L));
    }

    @Test
    void aContinueBeforeTheBodyIsHeldUntilTheRequestIsFramedAndTakesItsId() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ex = pairing.open(CONNECTION);
        send(pairing, ex, true, "POST /p HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n", 1000);
        send(pairing, ex, false, "HTTP/1.1 100 Continue\r\n\r\n", 1100);
        send(pairing, ex, true, "abc", 1200);
        send(pairing, ex, false, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", 1300);
        pairing.close(ex);
        assertThat(summary()).containsExactly("REQUEST id1 @1000 POST /p HTTP/1.1",
                "RESPONSE id1 @1100 HTTP/1.1 100 Continue", "RESPONSE id1 @1300 HTTP/1.1 201 Created");
    }

    @Test
    void aRequestCutByAGapIsCountedAndItsAnswerIsPairedWithNoOther() {
        HttpPairing pairing = pairing(true, false);
        HttpExchange ex = pairing.open(CONNECTION);
        send(pairing, ex, true, "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nabc", 1000);
        pairing.gap(ex, true, 3);
        send(pairing, ex, true, "GET /b HTTP/1.1\r\nHost: x\r\n\r\n", 1100);
        send(pairing, ex, false, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA", 1200);
        send(pairing, ex, false, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nB", 1300);
        pairing.close(ex);
        assertThat(summary()).containsExactly("REQUEST id1 @1100 GET /b HTTP/1.1", "RESPONSE id1 @1300 HTTP/1.1 200 OK");
        assertThat(new String(out.get(1).payload(), StandardCharsets.ISO_8859_1)).endsWith("B");
        assertThat(stage.snapshot().drops()).isEqualTo(Map.of(Reason.INCOMPLETE, 1L, Reason.RESPONSE_TO_LOST_REQUEST, 1L));
    }

    @Test
    void withAllowIncompleteTheCutRequestIsEmittedMarked() {
        HttpPairing pairing = pairing(false, true);
        HttpExchange ex = pairing.open(CONNECTION);
        send(pairing, ex, true, "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nabc", 1000);
        pairing.end(ex, true);
        assertThat(out).singleElement().satisfies(m -> assertThat(new String(m.payload(), StandardCharsets.ISO_8859_1))
                .isEqualTo("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n" + HttpPairing.INCOMPLETE_HEADER
                        + ": end\r\n\r\nabc"));
        assertThat(stage.snapshot().drops()).isEmpty();
    }

    @Test
    void aResponseWithoutARequestIsCountedOnlyWhenResponsesAreTracked() {
        HttpPairing tracked = pairing(true, false);
        HttpExchange ex = tracked.open(CONNECTION);
        send(tracked, ex, false, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 1000);
        tracked.close(ex);
        assertThat(out).isEmpty();
        assertThat(stage.snapshot().drops()).isEqualTo(Map.of(Reason.RESPONSE_WITHOUT_REQUEST, 1L));

        HttpPairing untracked = pairing(false, false);
        HttpExchange other = untracked.open(CONNECTION);
        send(untracked, other, false, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 1000);
        untracked.close(other);
        assertThat(stage.snapshot().drops()).isEqualTo(Map.of(Reason.RESPONSE_WITHOUT_REQUEST, 1L));
    }
}
