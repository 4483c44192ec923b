package dev.shadowtap.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviours of the framer's API that the golden fixtures cannot show: timing, pairing, limits, misuse. */
class Http1FramerTest {
    private final List<FramingResult> out = new ArrayList<>();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void deliversEachMessageAsSoonAsItsLastByteArrives() {
        Http1Framer f = Http1Framer.forRequests(FramingLimits.DEFAULT);

        f.feed(bytes("GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\nab"), out::add);
        assertThat(out).hasSize(1);
        assertThat(f.idle()).isFalse();

        f.feed(bytes("c"), out::add);
        assertThat(out).hasSize(2);
        assertThat(f.idle()).isTrue();
        assertThat(((FramedMessage) out.get(1)).head().method()).isEqualTo("POST");
    }

    @Test
    void continueExchangeWiredTheWayAConnectionWouldBe() {
        Http1Framer requests = Http1Framer.forRequests(FramingLimits.DEFAULT);
        Http1Framer responses = Http1Framer.forResponses(FramingLimits.DEFAULT);
        List<FramingResult> replies = new ArrayList<>();
        // the request side tells the response side which method each response answers
        java.util.function.Consumer<FramingResult> onRequest = r -> {
            out.add(r);
            if (r instanceof FramedMessage m) {
                responses.expectResponseTo(m.head().method());
            }
        };

        requests.feed(bytes("PUT /up HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"), onRequest);
        assertThat(out).isEmpty();
        responses.feed(bytes("HTTP/1.1 100 Continue\r\n\r\n"), replies::add);
        assertThat(replies).singleElement().matches(r -> ((FramedMessage) r).interim());
        requests.feed(bytes("hello"), onRequest);
        requests.feed(bytes("HEAD /h HTTP/1.1\r\n\r\n"), onRequest);
        responses.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"), replies::add);

        assertThat(out).hasSize(2);
        assertThat(replies).hasSize(3);
        FramedMessage headReply = (FramedMessage) replies.get(2);
        assertThat(headReply.bodyKind()).isEqualTo(Http1BodyKind.NONE);
        assertThat(headReply.head().header("content-length")).contains("99");
        assertThat(responses.expectedResponses()).isZero();
    }

    @Test
    void responseWithoutQueuedMethodIsFramedAsAnswerToGet() {
        Http1Framer f = Http1Framer.forResponses(FramingLimits.DEFAULT);

        f.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"), out::add);

        assertThat(out).singleElement().matches(r -> ((FramedMessage) r).contentLength() == 2);
    }

    @Test
    void truncatedMessageKeepsHeadAndPrefixButFramesToTheEnd() {
        Http1Framer f = Http1Framer.forRequests(new FramingLimits(1024, 4));
        String head = "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n";

        f.feed(bytes(head + "0123456789GET /next HTTP/1.1\r\n\r\n"), out::add);

        FramedMessage m = (FramedMessage) out.get(0);
        assertThat(m.truncated()).isTrue();
        assertThat(m.raw()).isEqualTo(bytes(head + "0123"));
        assertThat(m.bodyOffset()).isEqualTo(head.length());
        assertThat(m.wireLength()).isEqualTo(head.length() + 10);
        assertThat(m.contentLength()).isEqualTo(10);
        assertThat(((FramedMessage) out.get(1)).head().target()).isEqualTo("/next");
    }

    @Test
    void closeDelimitedBodyCompletesOnlyAtEndOfStream() {
        Http1Framer f = Http1Framer.forResponses(FramingLimits.DEFAULT);

        f.feed(bytes("HTTP/1.1 200 OK\r\n\r\npart one "), out::add);
        f.feed(bytes("part two"), out::add);
        assertThat(out).isEmpty();
        f.endOfStream(out::add);

        FramedMessage m = (FramedMessage) out.getFirst();
        assertThat(m.closeDelimited()).isTrue();
        assertThat(m.contentLength()).isEqualTo("part one part two".length());
        assertThat(new String(m.raw(), m.bodyOffset(), (int) m.contentLength(), StandardCharsets.ISO_8859_1))
                .isEqualTo("part one part two");
    }

    @Test
    void errorIsOneLineNamingReasonAndOffsets() {
        Http1Framer f = Http1Framer.forRequests(FramingLimits.DEFAULT);

        f.feed(bytes("GET / HTTP/1.1\r\n\r\nPOST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n"), out::add);

        FramingError e = (FramingError) out.get(1);
        assertThat(e.reason()).isEqualTo(FramingError.Reason.BAD_CHUNK_SIZE);
        assertThat(e.reason().code()).isEqualTo("bad-chunk-size");
        assertThat(e.streamOffset()).isEqualTo(18);
        assertThat(e.errorOffset()).isEqualTo(18 + 47);
        assertThat(e.toString()).startsWith("bad-chunk-size at byte 65 (message at 18): bad chunk size line 'xyz\\x0d\\x0a'")
                .doesNotContain("\n");
        assertThat(f.skippedBytes()).isEqualTo(47 + 5);
    }

    @Test
    void staysUsableAfterManyErrors() {
        Http1Framer f = Http1Framer.forResponses(new FramingLimits(64, 1024));
        for (int i = 0; i < 50; i++) {
            f.feed(bytes("junk " + i + "\r\nHTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"), out::add);
        }
        f.feed(bytes("HTTP/1.1 204 No Content\r\n\r\n"), out::add);

        // junk met while resynchronising is skipped, not reported again: one bad start line, then one
        // bad Content-Length per broken response, then the good one
        assertThat(out).hasSize(52);
        assertThat(((FramingError) out.getFirst()).reason()).isEqualTo(FramingError.Reason.BAD_START_LINE);
        assertThat(out.subList(1, 51)).allMatch(r -> ((FramingError) r).reason() == FramingError.Reason.BAD_CONTENT_LENGTH);
        assertThat(out.getLast()).isInstanceOf(FramedMessage.class);
    }

    @Test
    void chunkSizeOverflowIsAnErrorNotAWrap() {
        Http1Framer f = Http1Framer.forRequests(FramingLimits.DEFAULT);

        f.feed(bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n"), out::add);

        assertThat(out).singleElement().matches(r -> ((FramingError) r).reason() == FramingError.Reason.BAD_CHUNK_SIZE);
    }

    @Test
    void hugeContentLengthIsFramedNotAllocated() {
        Http1Framer f = Http1Framer.forResponses(FramingLimits.DEFAULT);

        f.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 999999999999999999\r\n\r\nabc"), out::add);
        f.endOfStream(out::add);

        FramingError e = (FramingError) out.getFirst();
        assertThat(e.reason()).isEqualTo(FramingError.Reason.STREAM_ENDED);
        assertThat(e.detail()).contains("999999999999999996 bytes before the end of the body");
    }

    @Test
    void gapBetweenMessagesLosesNothingElse() {
        Http1Framer f = Http1Framer.forRequests(FramingLimits.DEFAULT);
        byte[] lost = bytes("GET /lost HTTP/1.1\r\n\r\n");

        f.feed(bytes("GET /1 HTTP/1.1\r\n\r\n"), out::add);
        f.gap(lost.length, out::add);
        f.feed(bytes("GET /3 HTTP/1.1\r\n\r\n"), out::add);

        assertThat(out).extracting(r -> ((FramedMessage) r).head().target()).containsExactly("/1", "/3");
        assertThat(((FramedMessage) out.get(1)).streamOffset()).isEqualTo(19 + lost.length);
        assertThat(f.skippedBytes()).isEqualTo(lost.length);
    }

    @Test
    void gapInsideAMessageReportsItAndResynchronises() {
        Http1Framer f = Http1Framer.forResponses(FramingLimits.DEFAULT);

        f.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nsome"), out::add);
        f.gap(50, out::add);
        f.feed(bytes("rest of the body\r\nHTTP/1.1 204 No Content\r\n\r\n"), out::add);

        FramingError e = (FramingError) out.getFirst();
        assertThat(e.reason()).isEqualTo(FramingError.Reason.STREAM_GAP);
        assertThat(e.errorOffset()).isEqualTo(44);
        assertThat(((FramedMessage) out.get(1)).head().status()).isEqualTo(204);
        assertThat(((FramedMessage) out.get(1)).streamOffset()).isEqualTo(44 + 50 + 18);
        assertThat(f.skippedBytes()).isEqualTo(44 + 50 + 18);
        assertThat(((FramedMessage) out.get(1)).wireLength()).isEqualTo(f.position() - f.skippedBytes());
    }


    @Test
    void misuseIsAProgrammingError() {
        Http1Framer requests = Http1Framer.forRequests(FramingLimits.DEFAULT);
        assertThatThrownBy(() -> requests.expectResponseTo("GET")).isInstanceOf(IllegalStateException.class);
        requests.endOfStream(out::add);
        assertThatThrownBy(() -> requests.feed(bytes("GET"), out::add)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> requests.gap(1, out::add)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> requests.feed(new byte[2], 1, 2, out::add)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new FramingLimits(8, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FramingLimits(1024, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
