package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.http2.H2Record;
import dev.shadowtap.http2.H2ResponseRecord;
import dev.shadowtap.pipeline.Message;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * One replayed request on one HTTP/2 stream: sends its HEADERS, DATA and trailing HEADERS, one after
 * the other once the previous is written (flow control is Jetty's), and reads the response frame by
 * frame. Ends exactly once: answered (counted, and handed on as a reply record when tracking) or
 * failed by reason.
 */
final class H2Exchange implements Stream.Listener {
    private final Message request;
    private final H2Outgoing outgoing;
    private final Outcomes outcomes;
    private final int maxBody;
    private final BiConsumer<H2Exchange, ReplayFailure> onEnd;
    private final Refusals refusals;
    private final int refusedBefore;
    private final java.util.function.IntSupplier goAwayLastStream;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long startNanos = System.nanoTime();
    private final long startEpochNanos;
    private H2ResponseRecord response;
    private int interim;
    private volatile Stream stream;

    /** At most this many times a request goes again after the target did not process its stream. */
    static final int MAX_REFUSALS = 5;

    /** Takes back a request whose stream the target did not process, to send it again. */
    interface Refusals {
        void retry(H2Exchange exchange);
    }

    /** {@code onEnd}: told once, with the failure or null, after the outcome was counted. */
    H2Exchange(Message request, int refusedBefore, H2Outgoing outgoing, Outcomes outcomes, int maxBody,
               BiConsumer<H2Exchange, ReplayFailure> onEnd, Refusals refusals, java.util.function.IntSupplier goAwayLastStream) {
        this.goAwayLastStream = goAwayLastStream;
        this.request = request;
        this.refusedBefore = refusedBefore;
        this.refusals = refusals;
        this.outgoing = outgoing;
        this.outcomes = outcomes;
        this.maxBody = maxBody;
        this.onEnd = onEnd;
        this.startEpochNanos = outcomes.tracking() ? Outcomes.nowEpochNanos() : 0;
    }

    Message request() {
        return request;
    }

    /** The request's first frame: its HEADERS, ending the stream when there is nothing more to send. */
    HeadersFrame headersFrame() {
        return new HeadersFrame(outgoing.request(), null, outgoing.body().length == 0 && outgoing.trailers() == null);
    }

    /** The stream is open and its HEADERS on their way: the body and trailers follow. */
    void opened(Stream s) {
        this.stream = s;
        // its HEADERS went out: sent, even when it has ended meanwhile (refused, timed out)
        outcomes.stats().sent();
        if (ended.get()) {
            if (!s.isReset()) {
                s.reset(new ResetFrame(s.getId(), ErrorCode.CANCEL_STREAM_ERROR.code), Callback.NOOP);
            }
            return;
        }
        if (outgoing.body().length > 0) {
            s.data(new DataFrame(s.getId(), ByteBuffer.wrap(outgoing.body()), outgoing.trailers() == null),
                    Callback.from(() -> sendTrailers(s), this::sendFailed));
        } else {
            sendTrailers(s);
        }
    }

    private void sendTrailers(Stream s) {
        // not on a stream the target reset meanwhile: a HEADERS frame there is a protocol error to some
        // servers (Jetty's closes the whole connection), and nothing of it would be read
        if (outgoing.trailers() != null && !ended.get() && !s.isReset()) {
            s.headers(new HeadersFrame(s.getId(), new MetaData(org.eclipse.jetty.http.HttpVersion.HTTP_2, outgoing.trailers()),
                    null, true), Callback.from(() -> { }, this::sendFailed));
        }
    }

    private void sendFailed(Throwable x) {
        fail(H2Failures.of(x));
    }

    @Override
    public void onHeaders(Stream s, HeadersFrame frame) {
        MetaData meta = frame.getMetaData();
        if (meta instanceof MetaData.Response r) {
            if (r.getStatus() >= 100 && r.getStatus() < 200 && !frame.isEndStream()) {
                interim++;
                s.demand();
                return;
            }
            response = new H2ResponseRecord(r.getStatus(), maxBody);
            for (HttpField f : r.getHttpFields()) {
                response.field(f.getLowerCaseName(), f.getValue());
            }
        } else if (response != null) {
            for (HttpField f : meta.getHttpFields()) {
                response.trailer(f.getLowerCaseName(), f.getValue());
            }
        }
        if (frame.isEndStream()) {
            answered(s);
        } else {
            s.demand();
        }
    }

    @Override
    public void onDataAvailable(Stream s) {
        while (true) {
            Stream.Data data = s.readData();
            if (data == null) {
                s.demand();
                return;
            }
            DataFrame frame = data.frame();
            if (response != null) {
                response.data(frame.getByteBuffer());
            }
            boolean end = frame.isEndStream();
            data.release();
            if (end) {
                answered(s);
                return;
            }
        }
    }

    @Override
    public void onReset(Stream s, ResetFrame frame, Callback callback) {
        // RFC 9113 8.7: REFUSED_STREAM means nothing was processed, so any request may go again
        if (frame.getError() == ErrorCode.REFUSED_STREAM_ERROR.code && response == null && interim == 0 && refuse()) {
            callback.succeeded();
            return;
        }
        fail(new ReplayFailure(Reason.STREAM_RESET, "the target reset the stream ("
                + ErrorCode.toString(frame.getError(), "error " + frame.getError()) + ")"));
        callback.succeeded();
    }

    @Override
    public void onIdleTimeout(Stream s, TimeoutException x, Promise<Boolean> promise) {
        fail(new ReplayFailure(Reason.TIMEOUT, "no complete response within the timeout"));
        promise.succeeded(true);
    }

    @Override
    public void onFailure(Stream s, int error, String reason, Throwable failure, Callback callback) {
        if (unprocessedBy(goAwayLastStream.getAsInt()) && refuse()) {
            callback.succeeded();
            return;
        }
        fail(H2Failures.of(failure));
        callback.succeeded();
    }

    private void answered(Stream s) {
        if (response == null) {
            fail(new ReplayFailure(Reason.BAD_RESPONSE, "the stream ended without a response"));
            return;
        }
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        long latency = System.nanoTime() - startNanos;
        try {
            H2Record.Built built = outcomes.tracking() ? response.build(s.getId(), null) : null;
            outcomes.answeredH2(request, response.status(), built, startEpochNanos, latency, response.truncated(), interim);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            onEnd.accept(this, null);
        }
    }

    /** Ends with {@code failure} unless already ended; resets the stream if it is still open. */
    void fail(ReplayFailure failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Stream s = stream;
        if (s != null && !s.isClosed()) {
            s.reset(new ResetFrame(s.getId(), ErrorCode.CANCEL_STREAM_ERROR.code), Callback.NOOP);
        }
        outcomes.failed(failure);
        onEnd.accept(this, failure);
    }

    /**
     * The target did not process this stream (refused it, or its connection went away past the stream):
     * ends without an outcome when {@link Refusals} sends the request again; false when it was already
     * ended or has been refused {@link #MAX_REFUSALS} times (then it fails as it would have).
     */
    boolean refuse() {
        if (refusedBefore >= MAX_REFUSALS || !ended.compareAndSet(false, true)) {
            return false;
        }
        refusals.retry(this);
        return true;
    }

    /** How many times the target had not processed this request before this exchange. */
    int refusedBefore() {
        return refusedBefore;
    }

    /** Whether the target's GOAWAY naming {@code lastStreamId} says this stream was never processed. */
    boolean unprocessedBy(int lastStreamId) {
        Stream s = stream;
        return response == null && interim == 0 && (s == null || s.getId() > lastStreamId);
    }

    /** Takes the exchange back before its stream opened (the connection had no room after all); false once ended. */
    boolean withdraw() {
        return ended.compareAndSet(false, true);
    }

    boolean ended() {
        return ended.get();
    }
}
