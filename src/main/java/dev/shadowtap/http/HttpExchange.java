package dev.shadowtap.http;

import dev.shadowtap.core.Connection;

import java.util.ArrayDeque;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * HTTP state of one captured TCP connection, made by {@link HttpPairing#open} and opaque to whoever
 * holds it (the reassembler's per-connection attachment): a framer per direction, the requests whose
 * responses are still to come (their ids, in order), and the capture time of the first
 * packet of the message each framer is in the middle of.
 */
public final class HttpExchange {
    /** A request seen on this connection whose final response has not been framed yet; id null when the request was lost. */
    record Pending(String id) {
    }

    final Http1Framer requests;
    final Http1Framer responses;
    /** Responses held at most while their request is still arriving; beyond, they are dropped and counted. */
    static final int MAX_EARLY = 64;

    /** A response that came while its request was still arriving (a 100 Continue before the body, or after a lost segment). */
    record Early(byte[] raw, long timestampNs, long spanNs, boolean interim, boolean truncated) {
    }

    final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Responses waiting for the request in progress to be framed, to take its id. */
    final ArrayDeque<Early> early = new ArrayDeque<>(1);
    final Connection connection;
    /** The framer's results for the current chunk, bound once per connection (no lambda per packet). */
    final Consumer<FramingResult> requestSink;
    final Consumer<FramingResult> responseSink;
    long requestStartNs;
    long responseStartNs;
    /** Capture time and stream position of the chunk being fed, to time the messages it completes. */
    long chunkNs;
    long chunkPosition;
    boolean requestsEnded;
    boolean responsesEnded;

    /** Whether the chunk being fed completed a message (then the next one started inside it). */
    boolean emitted;

    /** While the protocol is undecided (the first bytes), else null. */
    ProtocolSniff sniff;
    /** Once the connection turned out to be HTTP/2 (preface, h2c upgrade, frames mid-stream), else null. */
    dev.shadowtap.http2.H2Connection h2;
    /** A request asking for an h2c upgrade, held until its answer says whether it became stream 1. */
    Upgrade upgrade;
    /** The server stream offset where HTTP/2 frames begin after an accepted upgrade's 101, else -1. */
    long h2ServerFrom = -1;

    /** A held upgrade request: emitted as HTTP/1 unless a 101 makes it stream 1. */
    record Upgrade(FramedMessage message, String id, long timestampNs, long spanNs, byte[] payload) {
    }

    /** Bytes of the message in progress per direction, only with --input-raw-allow-incomplete; else null. */
    final PartialMessage requestBytes;
    final PartialMessage responseBytes;

    HttpExchange(FramingLimits limits, boolean keepPartial, Connection connection, boolean midstream,
                 BiConsumer<HttpExchange, FramingResult> onRequest, BiConsumer<HttpExchange, FramingResult> onResponse) {
        this.sniff = new ProtocolSniff(midstream);
        this.requests = Http1Framer.forRequests(limits);
        this.responses = Http1Framer.forResponses(limits, () -> !requests.idle());
        this.connection = connection;
        this.requestSink = r -> onRequest.accept(this, r);
        this.responseSink = r -> onResponse.accept(this, r);
        int cap = (int) Math.min(Integer.MAX_VALUE - 8L, (long) limits.maxHeadBytes() + limits.maxBodyBytes());
        this.requestBytes = keepPartial ? new PartialMessage(cap) : null;
        this.responseBytes = keepPartial ? new PartialMessage(cap) : null;
    }
}
