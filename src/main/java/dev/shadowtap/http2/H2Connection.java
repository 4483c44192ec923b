package dev.shadowtap.http2;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A captured HTTP/2 connection made into records: both directions framed ({@link FrameReader}), every
 * header block decoded once, in order, by its direction's {@link HpackDecoder} (streams that filters
 * drop later included), and each stream turned into one request and one response record sharing an id
 * ({@link H2Record}). A request is emitted when its END_STREAM arrives, its response when the
 * response's does and not before the request. A reset stream is emitted as far as it came, marked.
 * What cannot be decoded is never guessed: counted by reason on the stage, and the rest goes on.
 * One thread only (the capture's).
 */
public final class H2Connection {
    private static final int RECENTLY_CLOSED = 256;
    private static final int MAX_UNSEEN = 4096;

    private final H2Options options;
    private final Supplier<String> ids;
    private final StageStats stage;
    private final H2Sink sink;
    private final H2Side client = new H2Side(true);
    private final H2Side server = new H2Side(false);
    private final Map<Integer, H2Stream> streams = new HashMap<>();
    private final ArrayDeque<Integer> closedOrder = new ArrayDeque<>();
    private final Set<Integer> closed = new HashSet<>();
    private final Set<Integer> unseen = new HashSet<>();
    private long nowNs;

    private H2Connection(H2Options options, Supplier<String> ids, StageStats stage, H2Sink sink) {
        this.options = options;
        this.ids = ids;
        this.stage = stage;
        this.sink = sink;
    }

    /** A connection seen from its start, whose client began with the preface (prior knowledge). */
    public static H2Connection priorKnowledge(H2Options options, Supplier<String> ids, StageStats stage, H2Sink sink) {
        H2Connection c = new H2Connection(options, ids, stage, sink);
        c.client.reader = FrameReader.afterPreface((t, f, s, p, from, to, ns) -> c.frame(c.client, t, f, s, p, from, to, ns));
        c.server.reader = FrameReader.atFrame((t, f, s, p, from, to, ns) -> c.frame(c.server, t, f, s, p, from, to, ns));
        return c;
    }

    /** A connection joined in the middle: frame boundaries and both HPACK tables unknown. */
    public static H2Connection midstream(H2Options options, Supplier<String> ids, StageStats stage, H2Sink sink) {
        H2Connection c = new H2Connection(options, ids, stage, sink);
        c.client.reader = FrameReader.unsynchronised((t, f, s, p, from, to, ns) -> c.frame(c.client, t, f, s, p, from, to, ns));
        c.server.reader = FrameReader.unsynchronised((t, f, s, p, from, to, ns) -> c.frame(c.server, t, f, s, p, from, to, ns));
        c.client.decoder.forget();
        c.server.decoder.forget();
        return c;
    }

    /**
     * A connection upgraded from HTTP/1.1 ({@code Upgrade: h2c} answered 101): stream 1 is the upgraded
     * request, already emitted with {@code recordId}; {@code settings} is its {@code HTTP2-Settings}
     * payload, acknowledged by the 101. The client's next bytes are the preface; the server's, frames.
     */
    public static H2Connection upgraded(H2Options options, Supplier<String> ids, StageStats stage, H2Sink sink,
                                        String recordId, long requestNs, byte[] settings) {
        H2Connection c = priorKnowledge(options, ids, stage, sink);
        H2Stream one = new H2Stream(1, recordId);
        one.request.headersDone = true;
        one.request.ended = true;
        one.request.emitted = true;
        one.request.startNs = requestNs;
        c.streams.put(1, one);
        long size = H2Side.tableSize(settings, 0, settings.length);
        if (size != H2Side.NO_TABLE_SIZE) {
            c.server.decoder.settingsAcknowledged(size);
        }
        return c;
    }

    /** Bytes of one direction in stream order, captured at {@code timestampNs}. */
    public void data(boolean fromClient, byte[] b, int off, int len, long timestampNs) {
        nowNs = timestampNs;
        H2Side side = fromClient ? client : server;
        side.reader.feed(b, off, len, timestampNs);
        long resyncs = side.reader.resyncs();
        if (resyncs != side.resyncsSeen) {
            side.resyncsSeen = resyncs;
            stage.repaired(Reason.H2_RESYNC);
        }
    }

    /** {@code length} bytes of one direction were lost: its messages in progress are cut, its HPACK state unknown. */
    public void gap(boolean fromClient, long length) {
        H2Side side = fromClient ? client : server;
        side.reader.gap(length);
        side.abandonBlock();
        side.decoder.forget();
        for (H2Stream st : streams.values()) {
            H2Part part = fromClient ? st.request : st.response;
            if (part.headersDone && !part.ended) {
                part.lost = Reason.INCOMPLETE;
            }
        }
    }

    /** The connection is over: messages that never ended are counted as incomplete. */
    public void close() {
        for (H2Stream st : streams.values()) {
            if (!st.request.emitted) {
                stage.drop(Reason.INCOMPLETE);
            } else if (options.trackResponse() && st.response.headersDone && !st.response.emitted) {
                stage.drop(Reason.INCOMPLETE);
            }
        }
        streams.clear();
    }

    private void frame(H2Side side, int type, int flags, int stream, byte[] p, int from, int to, long startNs) {
        if (side.blockStream >= 0 && (type != Frames.CONTINUATION || stream != side.blockStream)) {
            side.abandonBlock(); // a header block must not be interleaved (6.10)
        }
        switch (type) {
            case Frames.DATA -> {
                int end = unpaddedEnd(flags, p, from, to);
                if (end >= 0) {
                    data(side, stream, p, from + ((flags & Frames.PADDED) != 0 ? 1 : 0), end, flags);
                }
            }
            case Frames.HEADERS, Frames.PUSH_PROMISE -> {
                int end = unpaddedEnd(flags, p, from, to);
                int start = from + ((flags & Frames.PADDED) != 0 ? 1 : 0)
                        + (type == Frames.PUSH_PROMISE ? 4 : (flags & Frames.PRIORITY_FLAG) != 0 ? 5 : 0);
                if (end < start) {
                    side.decoder.forget(); // a fragment that cannot be read held inserts all the same
                    return;
                }
                side.beginBlock(type, stream, flags, startNs);
                side.append(p, start, end);
                if ((flags & Frames.END_HEADERS) != 0) {
                    headerBlock(side);
                }
            }
            case Frames.CONTINUATION -> {
                if (side.blockStream != stream) {
                    side.decoder.forget(); // the rest of a block whose start this capture missed
                    return;
                }
                side.append(p, from, to);
                if ((flags & Frames.END_HEADERS) != 0) {
                    headerBlock(side);
                }
            }
            case Frames.RST_STREAM -> {
                if (to - from >= 4) {
                    reset(stream, Frames.errorName(Frames.uint32(p, from)));
                }
            }
            case Frames.SETTINGS -> {
                if ((flags & Frames.ACK) != 0) {
                    Long acked = (side.client ? server : client).pendingSettings.poll();
                    if (acked != null && acked != H2Side.NO_TABLE_SIZE) {
                        side.decoder.settingsAcknowledged(acked);
                    }
                } else {
                    side.pendingSettings.add(H2Side.tableSize(p, from, to));
                }
            }
            default -> { } // PRIORITY, PING, GOAWAY, WINDOW_UPDATE and unknown types carry nothing a record needs
        }
    }

    /** The end of a padded frame's content, or -1 when the padding is longer than the frame. */
    private static int unpaddedEnd(int flags, byte[] p, int from, int to) {
        if ((flags & Frames.PADDED) == 0) {
            return to;
        }
        if (from >= to) {
            return -1;
        }
        int end = to - (p[from] & 0xff);
        return end >= from + 1 ? end : -1;
    }

    private void headerBlock(H2Side side) {
        List<HeaderField> fields = new ArrayList<>();
        int unknown = side.decoder.decode(side.block(), 0, side.blockLength(), fields);
        int stream = side.blockStream;
        int type = side.blockType;
        int flags = side.blockFlags;
        long startNs = side.blockStartNs;
        side.blockStream = -1;
        if (type == Frames.PUSH_PROMISE) {
            stage.skipped(Reason.H2_PUSH); // decoded for the table's sake; a push is no request a client sent
            return;
        }
        H2Stream st = streams.get(stream);
        if (st == null) {
            if (!side.client || closed.contains(stream) || unseen.contains(stream)) {
                unseen(stream, side.client);
                return;
            }
            st = new H2Stream(stream, ids.get());
            streams.put(stream, st);
        }
        H2Part part = side.client ? st.request : st.response;
        if (!side.client && !part.headersDone && H2Part.interim(fields)) {
            interim(st, fields, unknown, startNs);
            return;
        }
        if (!part.headersDone) {
            part.headersDone = true;
            part.startNs = startNs;
            part.fields.addAll(fields);
        } else {
            part.trailers = fields;
        }
        if (unknown == HpackDecoder.MALFORMED) {
            part.lost = Reason.H2_BAD_HEADER_BLOCK;
        } else {
            part.unknownFields += unknown;
        }
        for (HeaderField f : fields) {
            part.headBytes += f.name().length() + f.value().length() + 4;
        }
        if (part.headBytes > options.maxHeadBytes() && part.lost == null) {
            part.lost = Reason.HEAD_TOO_LARGE;
        }
        if ((flags & Frames.END_STREAM) != 0) {
            ended(st, side.client);
        }
    }

    private void data(H2Side side, int stream, byte[] p, int from, int to, int flags) {
        H2Stream st = streams.get(stream);
        if (st == null) {
            if (!closed.contains(stream)) {
                unseen(stream, side.client);
            }
            return;
        }
        H2Part part = side.client ? st.request : st.response;
        if (!part.headersDone || part.ended) {
            return;
        }
        part.data(p, from, to, options.maxBodyBytes());
        if ((flags & Frames.END_STREAM) != 0) {
            ended(st, side.client);
        }
    }

    private void ended(H2Stream st, boolean request) {
        H2Part part = request ? st.request : st.response;
        part.ended = true;
        part.lastNs = nowNs;
        if (request) {
            emitRequest(st);
        } else if (st.request.emitted) {
            emitResponse(st);
        }
    }

    private void reset(int stream, String code) {
        H2Stream st = streams.get(stream);
        if (st == null) {
            return;
        }
        st.reset = code;
        st.request.lastNs = st.request.ended ? st.request.lastNs : nowNs;
        st.response.lastNs = st.response.ended ? st.response.lastNs : nowNs;
        if (!st.request.emitted) {
            emitRequest(st);
        }
        if (!st.response.emitted) {
            if (st.response.headersDone) {
                emitResponse(st);
            } else {
                forget(st);
            }
        }
    }

    private void emitRequest(H2Stream st) {
        H2Part part = st.request;
        part.emitted = true;
        H2Record.Built built = part.lost == null ? H2Record.request(part, st.id, st.reset) : null;
        if (built == null) {
            stage.drop(part.lost != null ? part.lost : Reason.H2_NO_START_LINE);
            st.requestDropped = true;
        } else {
            emit(true, st, part, built);
        }
        for (H2Stream.Interim i : st.interims) {
            if (!st.requestDropped && options.trackResponse()) {
                sink.emit(false, st.recordId, i.timestampNs(), i.spanNs(), i.built().payload(), i.built().tokens());
            }
        }
        st.interims.clear();
        if (st.response.ended) {
            emitResponse(st);
        }
    }

    private void emitResponse(H2Stream st) {
        H2Part part = st.response;
        part.emitted = true;
        forget(st);
        if (!options.trackResponse()) {
            return;
        }
        if (st.requestDropped) {
            stage.drop(Reason.RESPONSE_TO_LOST_REQUEST);
            return;
        }
        H2Record.Built built = part.lost == null ? H2Record.response(part, st.id, st.reset) : null;
        if (built == null) {
            stage.drop(part.lost != null ? part.lost : Reason.H2_NO_START_LINE);
        } else {
            emit(false, st, part, built);
        }
    }

    private void emit(boolean request, H2Stream st, H2Part part, H2Record.Built built) {
        if (part.truncated()) {
            stage.drop(Reason.TRUNCATED); // its first bytes are still emitted, as for HTTP/1
        }
        if (part.unknownFields > 0) {
            stage.repaired(Reason.H2_UNKNOWN_HEADER);
        }
        sink.emit(request, st.recordId, part.startNs, Math.max(0, part.lastNs - part.startNs), built.payload(), built.tokens());
    }

    private void interim(H2Stream st, List<HeaderField> fields, int unknown, long startNs) {
        H2Part part = new H2Part();
        part.fields.addAll(fields);
        part.unknownFields = Math.max(0, unknown);
        H2Record.Built built = unknown == HpackDecoder.MALFORMED ? null : H2Record.response(part, st.id, null);
        if (built == null) {
            return;
        }
        long span = Math.max(0, nowNs - startNs);
        if (st.request.emitted) {
            if (!st.requestDropped && options.trackResponse()) {
                sink.emit(false, st.recordId, startNs, span, built.payload(), built.tokens());
            }
        } else {
            st.interims.add(new H2Stream.Interim(built, startNs, span));
        }
    }

    private void forget(H2Stream st) {
        streams.remove(st.id);
        closed.add(st.id);
        closedOrder.addLast(st.id);
        if (closedOrder.size() > RECENTLY_CLOSED) {
            closed.remove(closedOrder.pollFirst());
        }
    }

    /** Frames of a stream whose start this capture never saw (before it joined, or in a gap): counted once. */
    private void unseen(int stream, boolean fromClient) {
        if (unseen.size() >= MAX_UNSEEN) {
            unseen.clear();
        }
        if (unseen.add(stream) && (fromClient || options.trackResponse())) {
            stage.drop(Reason.H2_STREAM_UNSEEN);
        }
    }
}
