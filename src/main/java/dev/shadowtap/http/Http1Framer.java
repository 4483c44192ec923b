package dev.shadowtap.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Frames one direction of an HTTP/1.x connection into messages, as bytes arrive. A resumable state
 * machine (after the JDK's {@code Http1HeaderParser}): {@link #feed} takes whatever bytes came in,
 * hands every message completed by them to the sink, and keeps the partial rest for the next call,
 * so the same stream cut at any point frames to the same results.
 *
 * <p>Malformed input is data (after Netty's {@code HttpObjectDecoder}): the sink gets a
 * {@link FramingError} naming the reason and stream offset, and nothing is thrown. After an error the
 * framer <b>resynchronises</b>: it skips whole lines until one that starts at a line start and is a
 * valid start line for its direction (a request line, or an {@code HTTP/1.x NNN} status line), and
 * frames on from there. Skipped bytes are counted in {@link #skippedBytes()}. A body line that happens
 * to look like a start line will be taken for one: the price of not giving up on a connection.
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
    private enum State { START, HEAD, FIXED_BODY, CHUNKED, UNTIL_CLOSE, RESYNC, TUNNEL, CLOSED }

    private final boolean requests;
    private final FramingLimits limits;
    private final ResponseMethods expectedMethods = new ResponseMethods();
    private final FramingBuffer message = new FramingBuffer();
    private final FramingBuffer line = new FramingBuffer();
    private final ChunkedBody chunks;
    private final Resync resync;

    private State state = State.START;
    private long position;
    private long framedBytes;
    private long tunnelledBytes;

    private long messageStart;
    private int headLineStart;
    private HttpHead head;
    private Http1BodyKind bodyKind;
    private int bodyCap;
    private long bodyWire;
    private long content;
    private long remaining;

    private Http1Framer(boolean requests, FramingLimits limits) {
        this.requests = requests;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.chunks = new ChunkedBody(line, limits.maxHeadBytes());
        this.resync = new Resync(line, requests, limits.maxHeadBytes());
    }

    /** A framer for the client-to-server direction. */
    public static Http1Framer forRequests(FramingLimits limits) {
        return new Http1Framer(true, limits);
    }

    /** A framer for the server-to-client direction; tell it request methods with {@link #expectResponseTo}. */
    public static Http1Framer forResponses(FramingLimits limits) {
        return new Http1Framer(false, limits);
    }

    public boolean framesRequests() {
        return requests;
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
            case HEAD, FIXED_BODY, CHUNKED, UNTIL_CLOSE -> position - messageStart;
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
                case FIXED_BODY -> fixedBody(b, p, end, sink);
                case CHUNKED -> chunked(b, p, end, sink);
                case UNTIL_CLOSE -> untilClose(b, p, end);
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

    /** Feeds the buffer's remaining bytes and advances its position past them (for socket channel reads). */
    public void feed(ByteBuffer buffer, Consumer<? super FramingResult> sink) {
        if (buffer.hasArray()) {
            feed(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(), sink);
            buffer.position(buffer.limit());
            return;
        }
        byte[] chunk = new byte[Math.min(buffer.remaining(), 64 * 1024)];
        while (buffer.hasRemaining()) {
            int n = Math.min(chunk.length, buffer.remaining());
            buffer.get(chunk, 0, n);
            feed(chunk, 0, n, sink);
        }
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
            case UNTIL_CLOSE -> emit(sink);
            case HEAD -> error(sink, FramingError.Reason.STREAM_ENDED, position, "stream ended inside the message head");
            case FIXED_BODY -> error(sink, FramingError.Reason.STREAM_ENDED, position,
                    "stream ended " + remaining + " bytes before the end of the body");
            case CHUNKED -> error(sink, FramingError.Reason.STREAM_ENDED,
                    position, "stream ended inside the chunked body");
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
        if (headLineStart == 0) {
            boolean valid = requests ? StartLine.isRequestLine(h, 0, lineEnd) : StartLine.isStatusLine(h, 0, lineEnd);
            if (!valid) {
                errorThenResync(sink, FramingError.Reason.BAD_START_LINE, messageStart, "not an HTTP/1.x "
                        + (requests ? "request" : "status") + " line: '" + HttpText.printable(h, 0, Math.min(lineEnd, 80)) + "'",
                        true);
                return stop;
            }
        } else if (lineEnd == headLineStart) {
            headComplete(sink);
            return stop;
        }
        headLineStart = message.size();
        return stop;
    }

    private void headTooLarge(Consumer<? super FramingResult> sink) {
        boolean lineStartNext = message.array()[message.size() - 1] == '\n';
        errorThenResync(sink, FramingError.Reason.HEAD_TOO_LARGE, position,
                "message head longer than " + limits.maxHeadBytes() + " bytes", lineStartNext);
    }

    /**
     * The common case in one step: a head that starts at {@code p} and ends in this chunk, within the
     * head limit, is parsed from the chunk itself (no line-by-line gathering), and a Content-Length
     * body that is all here too is taken with it in one copy of the message. What it frames is exactly
     * what the line-by-line path frames from the same bytes (the split-point tests hold both to it);
     * anything else (a head not all here, a bad start line or header) returns -1 before changing
     * anything; a parsed head whose body is not all here goes on to the same body states. Returns
     * where it stopped, or -1.
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
            FramedMessage m = new FramedMessage(messageStart, Arrays.copyOfRange(b, p, (int) (headEnd + whole)), h,
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
        bodyCap = (int) Math.min(Integer.MAX_VALUE - 8L, (long) head.length() + limits.maxBodyBytes());
        bodyWire = 0;
        content = 0;
        String method = expectedMethods.take(head);
        switch (Http1BodyLength.of(head, method)) {
            case Http1BodyLength.None none -> {
                bodyKind = Http1BodyKind.NONE;
                emit(sink);
                if (none.tunnel()) {
                    state = State.TUNNEL;
                }
            }
            case Http1BodyLength.Fixed fixed -> {
                bodyKind = Http1BodyKind.CONTENT_LENGTH;
                content = fixed.length();
                remaining = fixed.length();
                message.ensure((int) Math.min(bodyCap, head.length() + fixed.length()));
                if (remaining == 0) {
                    emit(sink);
                } else {
                    state = State.FIXED_BODY;
                }
            }
            case Http1BodyLength.Chunked chunked -> {
                bodyKind = Http1BodyKind.CHUNKED;
                state = State.CHUNKED;
                chunks.begin();
            }
            case Http1BodyLength.UntilClose untilClose -> {
                bodyKind = Http1BodyKind.CLOSE_DELIMITED;
                state = State.UNTIL_CLOSE;
            }
            case Http1BodyLength.Invalid invalid -> errorThenResync(sink, invalid.reason(),
                    messageStart + head.lineOffset(invalid.header(), invalid.occurrence()), invalid.detail(), true);
        }
    }

    private int fixedBody(byte[] b, int p, int end, Consumer<? super FramingResult> sink) {
        int n = (int) Math.min(remaining, end - p);
        appendBody(b, p, n);
        remaining -= n;
        if (remaining == 0) {
            emit(sink);
        }
        return p + n;
    }

    private int chunked(byte[] b, int p, int end, Consumer<? super FramingResult> sink) {
        int q = chunks.step(b, p, end, position);
        appendBody(b, p, q - p);
        ChunkedBody.Problem problem = chunks.problem();
        if (problem != null) {
            errorThenResync(sink, problem.reason(), problem.offset(), problem.detail(), problem.lineStartNext());
        } else if (chunks.done()) {
            content = chunks.content();
            emit(sink);
        }
        return q;
    }

    private int untilClose(byte[] b, int p, int end) {
        appendBody(b, p, end - p);
        content += end - p;
        return end;
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

    private void appendBody(byte[] b, int p, int n) {
        message.append(b, p, n, bodyCap);
        bodyWire += n;
    }

    /** Hands the finished message to the sink; the position must already count its last byte. */
    private void emit(Consumer<? super FramingResult> sink) {
        long wire = head.length() + bodyWire;
        boolean truncated = bodyWire > limits.maxBodyBytes();
        FramedMessage m = new FramedMessage(messageStart, message.toArray(), head, bodyKind, wire, content, truncated);
        framedBytes += wire;
        message.clear();
        line.clear();
        head = null;
        state = State.START;
        sink.accept(m);
    }

    private void error(Consumer<? super FramingResult> sink, FramingError.Reason reason, long errorOffset, String detail) {
        FramingError e = new FramingError(reason, messageStart, errorOffset, detail);
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
