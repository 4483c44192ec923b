package dev.shadowtap.http;

import dev.shadowtap.core.StageStats;
import dev.shadowtap.http2.H2Connection;
import dev.shadowtap.http2.H2Options;
import dev.shadowtap.http2.H2Sink;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.pipeline.Receipt;

import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The pairing's door to {@code http2}: opens a connection's {@link H2Connection} once it turned out to
 * speak HTTP/2, with the pairing's ids (one per stream), counters and output, and its records as
 * messages (requests through the same edit as HTTP/1's, {@code --input-raw-realip-header}).
 */
final class H2Bridge {
    private final H2Options options;
    private final Function<dev.shadowtap.core.Connection, String> ids;
    private final StageStats stage;
    private final Consumer<Message> out;
    private final BiFunction<HttpExchange, byte[], byte[]> requestEdit;

    H2Bridge(H2Options options, Function<dev.shadowtap.core.Connection, String> ids, StageStats stage,
             Consumer<Message> out, BiFunction<HttpExchange, byte[], byte[]> requestEdit) {
        this.options = options;
        this.ids = ids;
        this.stage = stage;
        this.out = out;
        this.requestEdit = requestEdit;
    }

    /** A connection seen from its preface, or joined mid-stream. */
    H2Connection open(HttpExchange ex, boolean midstream) {
        return midstream ? H2Connection.midstream(options, () -> ids.apply(ex.connection), stage, sink(ex))
                : H2Connection.priorKnowledge(options, () -> ids.apply(ex.connection), stage, sink(ex));
    }

    /** A connection upgraded from HTTP/1.1, its stream 1 the held request, emitted here. */
    H2Connection upgraded(HttpExchange ex, HttpExchange.Upgrade u) {
        byte[] payload = requestEdit.apply(ex, H2Upgrade.request(u.message()));
        out.accept(new Message(MessageType.REQUEST, u.id(), u.timestampNs(), u.spanNs(), payload, ex.connection,
                Receipt.NONE, H2Upgrade.TOKENS));
        return H2Connection.upgraded(options, () -> ids.apply(ex.connection), stage, sink(ex), u.id(), u.timestampNs(),
                H2Upgrade.settings(u.message().head()));
    }

    private H2Sink sink(HttpExchange ex) {
        return (request, id, ts, span, payload, tokens) -> out.accept(new Message(
                request ? MessageType.REQUEST : MessageType.RESPONSE, id, ts, span,
                request ? requestEdit.apply(ex, payload) : payload, ex.connection, Receipt.NONE, tokens));
    }
}
