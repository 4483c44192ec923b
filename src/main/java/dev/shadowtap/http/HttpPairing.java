package dev.shadowtap.http;

import dev.shadowtap.core.Connection;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Request/response pairing of captured HTTP/1.x: turns the two byte streams of each connection into
 * pipeline messages. The client's bytes are framed into requests (type 1, a fresh id each), the
 * server's into responses that take the id of their request, in order
 * per connection (type 2; a 1xx interim response is a record of its own with the same id, as GoReplay
 * writes it). A response that comes before its request is complete (a 100
 * Continue before the body; the answer to a request whose lost segment is still waited for) is held
 * until that request is framed or given up, so the pairing never shifts. A message's time is the
 * capture time of its first packet, and its latency field, as GoReplay 1.2+ writes it, the time from
 * its first to its last packet (the request-to-response time is the difference of the timestamps).
 *
 * <p>Losses are counted on the input's stage: a message cut by a TCP gap or by the end of its
 * connection as {@code incomplete} (dropped; with {@code --input-raw-allow-incomplete} it is emitted
 * instead, as far as it arrived, when its head arrived whole, with the header
 * {@code X-Shadowtap-Incomplete: gap} or {@code end} added as its last header line), other framing
 * errors by their code ({@code bad-start-line}...), a body longer than {@code --copy-buffer-size} as {@code truncated}
 * (its first bytes are still emitted, as GoReplay does), a response whose request was never seen as
 * {@code response-without-request}. Responses are framed even when not emitted, to keep the pairing.
 *
 * <p>It knows nothing of TCP: whoever reassembles the streams hands it each connection's bytes, gaps
 * and ends, with the {@link HttpExchange} it opened for that connection. One thread only.
 */
public final class HttpPairing {
    /** The header that marks a message emitted although a gap cut it ({@code --input-raw-allow-incomplete}). */
    public static final String INCOMPLETE_HEADER = "X-Shadowtap-Incomplete";
    private static final byte[] INCOMPLETE_MARK = (INCOMPLETE_HEADER + ": ").getBytes(StandardCharsets.ISO_8859_1);

    private final FramingLimits limits;
    private final boolean trackResponse;
    private final boolean allowIncomplete;
    private final byte[] realIpHeader;
    private final Function<Connection, String> ids;
    private final StageStats stage;
    private final Consumer<Message> out;
    private final H2Bridge h2;

    /**
     * @param ids   the id of each new request of a connection, on the capture thread
     * @param stage the input's counters, where losses are counted by reason
     * @param out   where messages go, on the capture thread
     */
    public HttpPairing(PairingOptions options, Function<Connection, String> ids, StageStats stage, Consumer<Message> out) {
        this.limits = new FramingLimits(options.maxHeadBytes(), options.maxBodyBytes());
        this.trackResponse = options.trackResponse();
        this.allowIncomplete = options.allowIncomplete();
        this.realIpHeader = options.realIpHeader().map(h -> (h + ": ").getBytes(StandardCharsets.ISO_8859_1)).orElse(null);
        this.ids = ids;
        this.stage = stage;
        this.out = out;
        this.h2 = new H2Bridge(new dev.shadowtap.http2.H2Options(trackResponse, limits.maxHeadBytes(), limits.maxBodyBytes()),
                ids, stage, out, (ex, raw) -> realIpHeader == null ? raw : withHeader(raw, realIpHeader, clientIp(ex)));
    }

    /**
     * The HTTP state of a connection that carries data; made on its first byte, so connections that
     * never do (scans, SYN floods, idle flows) cost nothing here.
     */
    public HttpExchange open(Connection connection) {
        return open(connection, false);
    }

    /** As {@link #open(Connection)}, for a connection whose start was not seen ({@code midstream}): it may be HTTP/2 already. */
    public HttpExchange open(Connection connection, boolean midstream) {
        return new HttpExchange(limits, allowIncomplete, connection, midstream, this::request, this::response);
    }

    /** Bytes of one direction ({@code client}: from the client), in stream order, captured at {@code timestampNs}. */
    public void data(HttpExchange ex, boolean client, byte[] bytes, int offset, int length, long timestampNs) {
        if (ex.h2 != null) {
            ex.h2.data(client, bytes, offset, length, timestampNs);
            return;
        }
        if (ex.sniff != null && sniffed(ex, client, bytes, offset, length, timestampNs)) {
            return;
        }
        if (client ? ex.requestsEnded : ex.responsesEnded) {
            return;
        }
        Http1Framer framer = client ? ex.requests : ex.responses;
        boolean wasIdle = framer.idle();
        ex.chunkNs = timestampNs;
        ex.chunkPosition = framer.position();
        ex.emitted = false;
        PartialMessage partial = client ? ex.requestBytes : ex.responseBytes;
        if (partial != null) {
            partial.append(bytes, offset, length);
        }
        framer.feed(bytes, offset, length, client ? ex.requestSink : ex.responseSink);
        if (ex.h2 != null) { // an h2c upgrade's 101 was in this chunk: what follows it is HTTP/2's frames
            long skip = ex.h2ServerFrom - ex.chunkPosition;
            if (skip >= 0 && skip < length) {
                ex.h2.data(false, bytes, offset + (int) skip, length - (int) skip, timestampNs);
            }
            return;
        }
        if (!client && framer.tunnelling() && !ex.requests.tunnelling()) {
            // a 101 or a 2xx to CONNECT: the client's bytes from here on are the tunnel's, not requests
            ex.requests.tunnel();
            stage.skipped(Reason.TUNNEL);
        }
        if (!framer.idle() && (wasIdle || ex.emitted)) {
            if (client) {
                ex.requestStartNs = timestampNs;
            } else {
                ex.responseStartNs = timestampNs;
            }
        }
    }

    /**
     * While the protocol is undecided: true when the chunk was held; else the held bytes went where the
     * verdict says (the chunk too when HTTP/2) and the caller goes on with the chunk when HTTP/1.
     */
    private boolean sniffed(HttpExchange ex, boolean client, byte[] bytes, int offset, int length, long timestampNs) {
        ProtocolSniff sniff = ex.sniff;
        switch (sniff.offer(client, bytes, offset, length, timestampNs)) {
            case HOLD -> {
                return true;
            }
            case HTTP2 -> {
                ex.sniff = null;
                ex.h2 = h2.open(ex, sniff.midstream());
                sniff.replay(ex.h2::data);
                ex.h2.data(client, bytes, offset, length, timestampNs);
                return true;
            }
            default -> {
                http1(ex);
                return false;
            }
        }
    }

    /** The connection is HTTP/1 (or undecided at a gap or its end): what the sniff held is framed now. */
    private void http1(HttpExchange ex) {
        ProtocolSniff sniff = ex.sniff;
        if (sniff != null) {
            ex.sniff = null;
            sniff.replay((c, b, o, l, t) -> data(ex, c, b, o, l, t));
        }
    }

    /** {@code length} bytes of one direction were lost. */
    public void gap(HttpExchange ex, boolean client, long length) {
        if (ex.h2 != null) {
            ex.h2.gap(client, length);
            return;
        }
        http1(ex);
        if (client && !ex.requestsEnded) {
            ex.chunkPosition = Long.MAX_VALUE;
            ex.requests.gap(length, ex.requestSink);
            if (ex.requestBytes != null) {
                ex.requestBytes.restartAt(ex.requests.position());
            }
        } else if (!client && !ex.responsesEnded) {
            ex.chunkPosition = Long.MAX_VALUE;
            ex.responses.gap(length, ex.responseSink);
            if (ex.responseBytes != null) {
                ex.responseBytes.restartAt(ex.responses.position());
            }
        }
    }

    /** The connection is over: both directions end, responses still held for a request are counted. */
    public void close(HttpExchange ex) {
        if (ex.h2 != null) {
            ex.h2.close();
            return;
        }
        http1(ex);
        flushUpgrade(ex);
        end(ex, true);
        end(ex, false);
        if (trackResponse) {
            ex.early.stream().filter(e -> !e.interim()).forEach(e -> stage.drop(Reason.RESPONSE_WITHOUT_REQUEST));
        }
        ex.early.clear();
    }

    /** One direction ended (its FIN): a message it was in the middle of is cut. */
    public void end(HttpExchange ex, boolean client) {
        if (ex.h2 != null) {
            return;
        }
        http1(ex);
        ex.chunkPosition = Long.MAX_VALUE;
        if (client && !ex.requestsEnded) {
            ex.requestsEnded = true;
            ex.requests.endOfStream(ex.requestSink);
        } else if (!client && !ex.responsesEnded) {
            ex.responsesEnded = true;
            ex.responses.endOfStream(ex.responseSink);
        }
    }

    /**
     * The time from the first to the last packet of a message just framed: the chunk being fed
     * completed it (or, at a gap or the connection's end, the last chunk that came).
     */
    private static long spanOf(HttpExchange ex, long startNs) {
        return Math.max(0, ex.chunkNs - startNs);
    }

    /** The capture time of the first packet of a message just framed. */
    private static long startOf(HttpExchange ex, FramingResult r, long inProgressStartNs) {
        ex.emitted = true;
        return r.streamOffset() < ex.chunkPosition ? inProgressStartNs : ex.chunkNs;
    }

    private void request(HttpExchange ex, FramingResult result) {
        long ts = startOf(ex, result, ex.requestStartNs);
        String id = null;
        String method = "GET";
        switch (result) {
            case FramedMessage m -> {
                if (ex.requestBytes != null) {
                    ex.requestBytes.consumed(m.streamOffset() + m.wireLength());
                }
                id = ids.apply(ex.connection);
                method = m.head().method();
                if (m.truncated()) {
                    stage.drop(Reason.TRUNCATED);
                }
                byte[] payload = realIpHeader == null ? m.raw() : withHeader(m.raw(), realIpHeader, clientIp(ex));
                flushUpgrade(ex);
                if (H2Upgrade.asks(m.head())) { // held: if a 101 accepts it, it is stream 1 of an HTTP/2 connection
                    ex.upgrade = new HttpExchange.Upgrade(m, id, ts, spanOf(ex, ts), payload);
                } else {
                    out.accept(new Message(MessageType.REQUEST, id, ts, spanOf(ex, ts), payload, ex.connection));
                }
            }
            // HTTP/2 with prior knowledge: both directions are no longer HTTP/1, and no answer is owed
            case FramingError e when e.reason() == FramingError.Reason.HTTP2_PREFACE -> {
                ex.responses.tunnel();
                stage.skipped(Reason.TUNNEL);
                return;
            }
            // a broken request most likely gets an answer too: it keeps its place in the pairing, id-less
            case FramingError e -> {
                byte[] partial = incomplete(ex.requestBytes, e);
                if (!e.method().isEmpty()) {
                    method = e.method();
                }
                if (partial == null) {
                    stage.drop(e.reason().counted());
                } else {
                    id = ids.apply(ex.connection);
                    method = new String(partial, 0, indexOf(partial, (byte) ' '), StandardCharsets.ISO_8859_1);
                    out.accept(new Message(MessageType.REQUEST, id, ts, spanOf(ex, ts),
                            realIpHeader == null ? partial : withHeader(partial, realIpHeader, clientIp(ex)),
                            ex.connection));
                }
            }
        }
        // responses that came while this request was still arriving (a 100 Continue before the body,
        // or anything while a lost segment was waited for) are its own: interim ones up to the final one
        boolean answered = false;
        HttpExchange.Early early;
        while (!answered && (early = ex.early.pollFirst()) != null) {
            answered = !early.interim();
            if (id != null) {
                emitResponse(ex, id, early.raw(), early.timestampNs(), early.spanNs(), early.truncated());
            } else if (trackResponse && !early.interim()) {
                stage.drop(Reason.RESPONSE_TO_LOST_REQUEST);
            }
        }
        if (!answered) {
            ex.pending.addLast(new HttpExchange.Pending(id));
            ex.responses.expectResponseTo(method);
        }
    }

    private void response(HttpExchange ex, FramingResult result) {
        long ts = startOf(ex, result, ex.responseStartNs);
        switch (result) {
            case FramedMessage m -> {
                if (ex.responseBytes != null) {
                    ex.responseBytes.consumed(m.streamOffset() + m.wireLength());
                }
                if (ex.upgrade != null && H2Upgrade.accepted(m.head()) && !ex.pending.isEmpty()
                        && ex.upgrade.id().equals(ex.pending.peekFirst().id())) {
                    ex.pending.pollFirst(); // the 101 is no record: the upgraded request's answer comes on stream 1
                    HttpExchange.Upgrade u = ex.upgrade;
                    ex.upgrade = null;
                    ex.h2ServerFrom = m.streamOffset() + m.wireLength();
                    ex.h2 = h2.upgraded(ex, u);
                    return;
                }
                flushUpgrade(ex);
                if (ex.pending.isEmpty() && (!ex.requests.idle() || !ex.early.isEmpty())) {
                    early(ex, new HttpExchange.Early(m.raw(), ts, spanOf(ex, ts), m.interim(), m.truncated()));
                    return;
                }
                HttpExchange.Pending p = m.interim() ? ex.pending.peekFirst() : ex.pending.pollFirst();
                if (p == null) {
                    if (trackResponse) {
                        stage.drop(Reason.RESPONSE_WITHOUT_REQUEST);
                    }
                } else if (p.id() != null) {
                    emitResponse(ex, p.id(), m.raw(), ts, spanOf(ex, ts), m.truncated());
                } else if (trackResponse && !m.interim()) {
                    stage.drop(Reason.RESPONSE_TO_LOST_REQUEST); // its request was dropped, and counted
                }
            }
            // bytes that do not start with a status line are no response: they answer no request
            case FramingError e when e.reason() == FramingError.Reason.BAD_START_LINE -> {
                if (trackResponse) {
                    stage.drop(e.reason().counted());
                }
            }
            case FramingError e -> {
                HttpExchange.Pending p = ex.pending.pollFirst();
                byte[] partial = incomplete(ex.responseBytes, e);
                if (partial != null && p != null && p.id() != null) {
                    emitResponse(ex, p.id(), partial, ts, spanOf(ex, ts), false);
                } else if (trackResponse) {
                    stage.drop(e.reason().counted());
                }
            }
        }
    }

    /** A held upgrade request that no 101 accepted (yet): emitted as the HTTP/1 request it is. */
    private void flushUpgrade(HttpExchange ex) {
        HttpExchange.Upgrade u = ex.upgrade;
        if (u != null) {
            ex.upgrade = null;
            out.accept(new Message(MessageType.REQUEST, u.id(), u.timestampNs(), u.spanNs(), u.payload(), ex.connection));
        }
    }

    /** Holds a response that came before its request was complete, within bounds. */
    private void early(HttpExchange ex, HttpExchange.Early response) {
        if (ex.early.size() < HttpExchange.MAX_EARLY) {
            ex.early.addLast(response);
        } else if (trackResponse) {
            stage.drop(Reason.RESPONSE_WITHOUT_REQUEST);
        }
    }

    private void emitResponse(HttpExchange ex, String id, byte[] raw, long ts, long spanNs, boolean truncated) {
        if (!trackResponse) {
            return;
        }
        if (truncated) {
            stage.drop(Reason.TRUNCATED);
        }
        out.accept(new Message(MessageType.RESPONSE, id, ts, spanNs, raw, ex.connection));
    }

    /**
     * With {@code --input-raw-allow-incomplete}, the part of a message a gap or the connection's end
     * cut, marked with {@code X-Shadowtap-Incomplete: gap} (or {@code end}); null when it is not to be
     * emitted: not allowed, another error, or its head did not arrive whole.
     */
    private static byte[] incomplete(PartialMessage bytes, FramingError e) {
        if (bytes == null || (e.reason() != FramingError.Reason.STREAM_GAP && e.reason() != FramingError.Reason.STREAM_ENDED)) {
            return null;
        }
        byte[] partial = bytes.from(e.streamOffset());
        if (partial == null || HttpHead.tryParse(partial).isEmpty()) {
            return null;
        }
        return withHeader(partial, INCOMPLETE_MARK, e.reason() == FramingError.Reason.STREAM_GAP ? "gap" : "end");
    }

    private static String clientIp(HttpExchange ex) {
        return ex.connection.source().getAddress().getHostAddress();
    }

    private static int indexOf(byte[] b, byte value) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return b.length;
    }

    /** The message with {@code name value} added as the last header line ({@code name} ends with ": "). */
    private static byte[] withHeader(byte[] raw, byte[] name, String value) {
        int headEnd;
        try {
            headEnd = HttpHead.parse(raw).length();
        } catch (HttpHeadException e) {
            return raw;
        }
        boolean crlf = headEnd >= 4 && raw[headEnd - 2] == '\r';
        int at = headEnd - (crlf ? 2 : 1);
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        byte[] eol = crlf ? new byte[]{'\r', '\n'} : new byte[]{'\n'};
        byte[] result = new byte[raw.length + name.length + v.length + eol.length];
        System.arraycopy(raw, 0, result, 0, at);
        int p = at;
        System.arraycopy(name, 0, result, p, name.length);
        p += name.length;
        System.arraycopy(v, 0, result, p, v.length);
        p += v.length;
        System.arraycopy(eol, 0, result, p, eol.length);
        p += eol.length;
        System.arraycopy(raw, at, result, p, raw.length - at);
        return result;
    }
}
