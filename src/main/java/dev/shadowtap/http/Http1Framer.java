package dev.shadowtap.http;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Frames one direction of an HTTP/1.x connection into messages, as bytes arrive. A resumable state
 * machine (after the JDK's {@code Http1HeaderParser}): {@link #feed} takes whatever bytes came in,
 * hands every message completed by them to the sink, and keeps the partial rest for the next call,
 * so the same stream cut at any point frames to the same results.
 *
 * <p>Malformed input is data (after Netty's {@code HttpObjectDecoder}): the sink gets a
 * {@link FramingError} naming the reason and stream offset, and nothing is thrown. After an error the
 * framer <b>resynchronises</b> at the next start line for its direction ({@link Resync}; skipped bytes
 * are counted in {@link #skippedBytes()}). A message whose head is over the limit is followed to its
 * end by its length headers alone and reported as an error then ({@link OversizedHead}), so it costs
 * itself only. A body line that looks like a start line can be taken for one after an error: the
 * price of not giving up on a connection, lowered where the requests are known ({@link
 * #forResponses(FramingLimits, BooleanSupplier)}).
 *
 * <p>Response framers must learn the method of each request before its response is framed
 * ({@link #expectResponseTo}); with none queued a response is framed as a response to GET. 1xx
 * responses other than 101 are interim: framed as messages of their own, they do not consume the
 * queued method. After a 101 or a 2xx to CONNECT the stream is no longer HTTP: the rest is counted in
 * {@link #tunnelledBytes()}.
 *
 * <p>Bodies are framed by their headers alone: a request with {@code Expect: 100-continue} is framed
 * by its Content-Length however late the body follows. A close-delimited response completes only
 * when the caller reports {@link #endOfStream}; a TCP gap is reported with {@link #gap}.
 *
 * <p>Not thread-safe: one framer per direction of one connection, fed by one thread at a time.
 */
public final class Http1Framer {
    private enum State { START, HEAD, SKIP_HEAD, BODY, RESYNC, TUNNEL, CLOSED }

    private final boolean requests;
    private final FramingLimits limits;
    private final ResponseMethods expectedMethods = new ResponseMethods();
    private final FramingBuffer message = new FramingBuffer();
    private final FramingBuffer line = new FramingBuffer();
    private final MessageBody body;
    private final Resync resync;
    private final OversizedHead oversized;

    private State state = State.START;
    private long position;
    private long framedBytes;
    private long tunnelledBytes;

    private long messageStart;
    private int headLineStart;
    private HttpHead head;
    /** The message in progress is followed to its end but not kept: its head was over the limit (error at this offset), else -1. */
    private long discardFrom = -1;
    /** Whether the message in progress has taken its queued request method (a response framer's). */
    private boolean methodTaken;

    private Http1Framer(boolean requests, FramingLimits limits, BooleanSupplier requestInProgress) {
        this.requests = requests;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.body = new MessageBody(line, limits.maxHeadBytes());
        this.resync = new Resync(line, requests, limits.maxHeadBytes(),
                requestInProgress == null ? () -> true : () -> expectedMethods.size() > 0 || requestInProgress.getAsBoolean());
        this.oversized = new OversizedHead(limits.maxHeadBytes());
    }

    /** A framer for the client-to-server direction. */
    public static Http1Framer forRequests(FramingLimits limits) {
        return new Http1Framer(true, limits, null);
    }

    /** A framer for the server-to-client direction; tell it request methods with {@link #expectResponseTo}. */
    public static Http1Framer forResponses(FramingLimits limits) {
        return new Http1Framer(false, limits, null);
    }

    /**
     * A response framer that knows the requests (a capture's): after an error it resynchronises only
     * on a status line while a response is owed (a method queued, or {@code requestInProgress}: an
     * early answer to a request still arriving).
     */
    public static Http1Framer forResponses(FramingLimits limits, BooleanSupplier requestInProgress) {
        return new Http1Framer(false, limits, Objects.requireNonNull(requestInProgress, "requestInProgress"));
    }

    /** Queues the method of the next request whose response this framer will read (HEAD and CONNECT matter). */
    public void expectResponseTo(String method) {
        if (requests) {
            throw new IllegalStateException("a request framer reads no responses");
        }
        expectedMethods.expect(method);
    }

    /** Methods queued by {@link #expectResponseTo} whose final response has not been framed yet. */
    public int expectedResponses() {
        return expectedMethods.size();
    }

    /** Bytes fed so far: the stream offset of the next byte. */
    public long position() {
        return position;
    }

    /** Bytes of the stream that belong to no framed message: blank lines between messages, broken messages, garbage skipped while resynchronising. */
    public long skippedBytes() {
        long inMessage = switch (state) {
            case HEAD, SKIP_HEAD, BODY -> position - messageStart;
            default -> 0;
        };
        return position - framedBytes - tunnelledBytes - inMessage;
    }

    /** Bytes after a 101 or a 2xx to CONNECT, which are not HTTP/1. */
    public long tunnelledBytes() {
        return tunnelledBytes;
    }

    /** Whether the stream has stopped being HTTP/1 (after a 101 or a 2xx to CONNECT, or {@link #tunnel}). */
    public boolean tunnelling() {
        return state == State.TUNNEL;
    }

    /**
     * From now on the stream is a tunnel, not HTTP/1: the other direction's framer saw a 101 or a 2xx
     * to CONNECT. Bytes of a message begun before are skipped; what follows counts as tunnelled.
     */
    public void tunnel() {
        if (state != State.CLOSED) {
            state = State.TUNNEL;
        }
    }

    /** Whether the framer is between messages (no partial message pending). */
    public boolean idle() {
        return state == State.START || state == State.TUNNEL || state == State.CLOSED
                || (state == State.RESYNC && line.size() == 0);
    }

    /** Feeds {@code b[off, off+len)}; every message or error these bytes complete goes to {@code sink}, in stream order. */
    public void feed(byte[] b, int off, int len, Consumer<? super FramingResult> sink) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (state == State.CLOSED) {
            throw new IllegalStateException("bytes fed after endOfStream");
        }
        int p = off;
        int end = off + len;
        while (p < end) {
            int q = switch (state) {
                case START -> start(b, p, end);
                case HEAD -> head(b, p, end, sink);
                case SKIP_HEAD -> skipHead(b, p, end, sink);
                case BODY -> body(b, p, end, sink);
                case RESYNC -> resync(b, p, end);
                case TUNNEL -> tunnel(p, end);
                case CLOSED -> throw new IllegalStateException("closed");
            };
            position += q - p;
            p = q;
        }
    }

    public void feed(byte[] b, Consumer<? super FramingResult> sink) {
        feed(b, 0, b.length, sink);
    }

    /**
     * The stream lost {@code length} bytes at this point (reassembly gave up on missing segments). A
     * message in progress is reported as {@link FramingError.Reason#STREAM_GAP}; framing resumes at the
     * next line that is a start line, the first line after the gap included. Offsets stay aligned
     * with the stream: the lost bytes count as skipped.
     */
    public void gap(long length, Consumer<? super FramingResult> sink) {
        if (length < 0) {
            throw new IllegalArgumentException("negative gap " + length);
        }
        if (state == State.CLOSED) {
            throw new IllegalStateException("gap after endOfStream");
        }
        if (length == 0) {
            return;
        }
        switch (state) {
            case TUNNEL -> tunnelledBytes += length;
            case START, RESYNC -> {
                line.clear();
                state = State.RESYNC;
                resync.begin(true);
            }
            default -> errorThenResync(sink, FramingError.Reason.STREAM_GAP, position,
                    length + " bytes missing from the stream", true);
        }
        position += length;
    }

    /**
     * The stream ended: completes a close-delimited response, reports a message cut short as
     * {@link FramingError.Reason#STREAM_ENDED}. The framer takes no bytes after this.
     */
    public void endOfStream(Consumer<? super FramingResult> sink) {
        switch (state) {
            case HEAD, SKIP_HEAD -> error(sink, FramingError.Reason.STREAM_ENDED, position, "stream ended inside the message head");
            case BODY -> {
                if (body.kind() == Http1BodyKind.CLOSE_DELIMITED) {
                    emit(sink);
                } else {
                    error(sink, FramingError.Reason.STREAM_ENDED, position, body.endedDetail());
                }
            }
            default -> { }
        }
        state = State.CLOSED;
    }

    // ---- states ----

    private int start(byte[] b, int p0, int end) {
        int p = p0;
        while (p < end && (b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        if (p < end) {
            messageStart = position + (p - p0);
            message.clear();
            headLineStart = 0;
            methodTaken = false;
            state = State.HEAD;
        }
        return p;
    }

    private int head(byte[] b, int p, int end, Consumer<? super FramingResult> sink) {
        if (message.size() == 0) {
            int q = wholeHead(b, p, end, sink);
            if (q >= 0) {
                return q;
            }
        }
        int room = limits.maxHeadBytes() - message.size();
        if (room == 0) {
            headTooLarge(sink);
            return p;
        }
        int stop = message.appendLine(b, p, end, room);
        if (!FramingBuffer.endsLine(b, p, stop)) {
            return stop;
        }
        byte[] h = message.array();
        int lineEnd = HttpLines.contentEnd(h, headLineStart, message.size() - 1);
        if (headLineStart == 0 && !(requests ? StartLine.isRequestLine(h, 0, lineEnd) : StartLine.isStatusLine(h, 0, lineEnd))) {
            badStartLine(sink, h, lineEnd);
        } else if (headLineStart != 0 && lineEnd == headLineStart) {
            headComplete(sink);
        } else {
            headLineStart = message.size();
        }
        return stop;
    }

    /** Bytes glued before a status line on one line are no response: the response starts at the status line. */
    private void badStartLine(Consumer<? super FramingResult> sink, byte[] h, int lineEnd) {
        if (requests && StartLine.kind(h, 0, lineEnd) == StartLine.HTTP2_PREFACE) { // what follows is HTTP/2's frames
            error(sink, FramingError.Reason.HTTP2_PREFACE, messageStart, "the HTTP/2 connection preface");
            state = State.TUNNEL;
            return;
        }
        int glued = requests ? -1 : resync.gluedStatusLine(h, lineEnd);
        byte[] rest = glued > 0 ? Arrays.copyOfRange(h, glued, message.size()) : null;
        errorThenResync(sink, FramingError.Reason.BAD_START_LINE, messageStart, "not an HTTP/1.x "
                + (requests ? "request" : "status") + " line: '" + HttpText.printable(h, 0, Math.min(lineEnd, 80)) + "'", true);
        if (rest != null) {
            messageStart += glued;
            message.append(rest, 0, rest.length, Integer.MAX_VALUE);
            headLineStart = message.size();
            state = State.HEAD;
        }
    }

    /** A head over the limit: followed to its end by its length headers alone, then its body skipped, when it can be. */
    private void headTooLarge(Consumer<? super FramingResult> sink) {
        if (oversized.begin(message.array(), message.size())) {
            discardFrom = position;
            message.clear();
            state = State.SKIP_HEAD;
            return;
        }
        boolean lineStartNext = message.array()[message.size() - 1] == '\n';
        errorThenResync(sink, FramingError.Reason.HEAD_TOO_LARGE, position, tooLarge(), lineStartNext);
    }

    private String tooLarge() { return "message head longer than " + limits.maxHeadBytes() + " bytes"; }

    private int skipHead(byte[] b, int p, int end, Consumer<? super FramingResult> sink) {
        int q = oversized.step(b, p, end);
        if (oversized.done() && (head = oversized.head()) != null) {
            bodyFollows(sink);
        } else if (oversized.done() || oversized.failed()) {
            errorThenResync(sink, FramingError.Reason.HEAD_TOO_LARGE, discardFrom, tooLarge(), true);
        }
        return q;
    }

    /**
     * The common case in one step: a head whole in this chunk within the limit is parsed from the
     * chunk, and a Content-Length body all here too is taken with it in one copy (none without a body:
     * the head's own); it frames exactly what the line-by-line path frames (the split-point tests hold
     * both to it). Returns where it stopped, or -1, having changed nothing, for anything else.
     */
    private int wholeHead(byte[] b, int p, int end, Consumer<? super FramingResult> sink) {
        HttpHead h = HeadParser.wholeHead(b, p, (int) Math.min(end, (long) p + limits.maxHeadBytes()), requests);
        if (h == null) {
            return -1;
        }
        int headEnd = p + h.length();
        String method = expectedMethods.peek(h);
        Http1BodyLength length = Http1BodyLength.of(h, method);
        long whole = length instanceof Http1BodyLength.Fixed fixed ? fixed.length()
                : length == Http1BodyLength.NO_BODY ? 0 : -1;
        if (whole >= 0 && whole <= limits.maxBodyBytes() && whole <= end - headEnd) {
            expectedMethods.take(h);
            long wire = headEnd - p + whole;
            byte[] raw = whole == 0 ? h.wire() : Arrays.copyOfRange(b, p, (int) (headEnd + whole));
            FramedMessage m = new FramedMessage(messageStart, raw, h,
                    length == Http1BodyLength.NO_BODY ? Http1BodyKind.NONE : Http1BodyKind.CONTENT_LENGTH,
                    wire, whole, false);
            framedBytes += wire;
            state = State.START;
            sink.accept(m);
            return (int) (headEnd + whole);
        }
        message.append(b, p, headEnd - p, Integer.MAX_VALUE);
        head = h;
        bodyFollows(sink);
        return headEnd;
    }

    private void headComplete(Consumer<? super FramingResult> sink) {
        try {
            head = HttpHead.parse(message.array(), 0, message.size());
        } catch (HttpHeadException e) {
            errorThenResync(sink, e.reason(), messageStart + e.index(), e.detail(), true);
            return;
        }
        bodyFollows(sink);
    }

    /** With {@link #head} parsed and its bytes in {@link #message}: emits the message or enters the state its body needs. */
    private void bodyFollows(Consumer<? super FramingResult> sink) {
        int cap = (int) Math.min(Integer.MAX_VALUE - 8L, (long) head.length() + limits.maxBodyBytes());
        String method = expectedMethods.take(head);
        methodTaken = true;
        boolean keep = discardFrom < 0;
        switch (Http1BodyLength.of(head, method)) {
            case Http1BodyLength.None none -> {
                body.begin(Http1BodyKind.NONE, 0, cap, keep);
                emit(sink);
                if (none.tunnel()) {
                    state = State.TUNNEL;
                }
            }
            case Http1BodyLength.Fixed fixed -> {
                body.begin(Http1BodyKind.CONTENT_LENGTH, fixed.length(), cap, keep);
                message.ensure(keep ? (int) Math.min(cap, head.length() + fixed.length()) : 0);
                state = State.BODY;
            }
            case Http1BodyLength.Chunked chunked -> {
                body.begin(Http1BodyKind.CHUNKED, 0, cap, keep);
                state = State.BODY;
            }
            case Http1BodyLength.UntilClose untilClose -> {
                body.begin(Http1BodyKind.CLOSE_DELIMITED, 0, cap, keep);
                state = State.BODY;
            }
            case Http1BodyLength.Invalid invalid -> errorThenResync(sink, invalid.reason(),
                    messageStart + head.lineOffset(invalid.header(), invalid.occurrence()), invalid.detail(), true);
        }
        if (state == State.BODY && body.done()) {
            emit(sink); // Content-Length: 0
        }
    }

    private int body(byte[] b, int p, int end, Consumer<? super FramingResult> sink) {
        int q = body.step(b, p, end, position, message);
        ChunkedBody.Problem problem = body.problem();
        if (problem != null) {
            errorThenResync(sink, problem.reason(), problem.offset(), problem.detail(), problem.lineStartNext());
        } else if (body.done()) {
            emit(sink);
        }
        return q;
    }

    private int resync(byte[] b, int p, int end) {
        int q = resync.step(b, p, end, position, message);
        if (resync.found()) {
            messageStart = resync.lineStart();
            headLineStart = message.size();
            state = State.HEAD;
        }
        return q;
    }

    private int tunnel(int p, int end) {
        tunnelledBytes += end - p;
        return end;
    }

    // ---- helpers ----

    /** Hands the finished message to the sink; the position must already count its last byte. */
    private void emit(Consumer<? super FramingResult> sink) {
        if (discardFrom >= 0) {
            error(sink, FramingError.Reason.HEAD_TOO_LARGE, discardFrom, tooLarge() + " (the message skipped whole)");
            state = State.START;
            return;
        }
        long wire = head.length() + body.wire();
        boolean truncated = body.wire() > limits.maxBodyBytes();
        FramedMessage m = new FramedMessage(messageStart, message.toArray(), head, body.kind(), wire, body.content(), truncated);
        framedBytes += wire;
        message.clear();
        line.clear();
        head = null;
        state = State.START;
        sink.accept(m);
    }

    private void error(Consumer<? super FramingResult> sink, FramingError.Reason reason, long errorOffset, String detail) {
        String method = "";
        if (head != null && head.request()) {
            method = head.method();
        } else if (!requests && !methodTaken && (state == State.HEAD || state == State.SKIP_HEAD) && reason != FramingError.Reason.BAD_START_LINE) {
            expectedMethods.skip(); // a broken final response still answers its request: keep methods and requests in step
        }
        FramingError e = new FramingError(reason, messageStart, errorOffset, detail, method);
        discardFrom = -1;
        message.clear();
        line.clear();
        head = null;
        sink.accept(e);
    }

    private void errorThenResync(Consumer<? super FramingResult> sink, FramingError.Reason reason, long errorOffset,
                                 String detail, boolean lineStartNext) {
        error(sink, reason, errorOffset, detail);
        state = State.RESYNC;
        resync.begin(lineStartNext);
    }
}
