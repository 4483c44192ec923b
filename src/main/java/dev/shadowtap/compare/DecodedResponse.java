package dev.shadowtap.compare;

import dev.shadowtap.http.HttpHead;
import dev.shadowtap.http.HttpHeadException;
import dev.shadowtap.http.HttpHeader;
import dev.shadowtap.http.Prettifier;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A response ready to compare: its status, its headers as received (so a change of
 * {@code Content-Encoding} shows), and its body de-chunked and decompressed by the {@link Prettifier}
 * (gzip, x-gzip, deflate; decoded bodies above the prettifier's limit are compared as received).
 *
 * @param undecoded true when the body could not be decoded (corrupt chunking or compression, too large):
 *                  it is then the raw bytes after the head
 * @param trailers  the trailer fields after a chunked body (where gRPC's status is), in wire order
 */
public record DecodedResponse(int status, List<HttpHeader> headers, byte[] body, boolean undecoded,
                              List<HttpHeader> trailers) {
    public DecodedResponse {
        headers = List.copyOf(headers);
        trailers = List.copyOf(trailers);
    }

    /** Decodes a raw HTTP response; empty when the bytes do not start with a response head. */
    public static Optional<DecodedResponse> decode(byte[] payload, Prettifier prettifier) {
        HttpHead head;
        try {
            head = HttpHead.parse(payload);
        } catch (HttpHeadException e) {
            return Optional.empty();
        }
        if (head.request()) {
            return Optional.empty();
        }
        Prettifier.Result result = prettifier.apply(payload);
        byte[] message = result.message();
        HttpHead bodyHead = head;
        if (result.outcome() == Prettifier.Outcome.PRETTIFIED) {
            bodyHead = HttpHead.tryParse(message).orElse(head);
            if (bodyHead == head) {
                message = payload;
            }
        }
        int from = Math.min(bodyHead.length(), message.length);
        int to = message.length;
        if (result.outcome() != Prettifier.Outcome.CORRUPT) {
            to = Math.min(to, from + contentLength(bodyHead, to - from));
        }
        return Optional.of(new DecodedResponse(head.status(), head.headers(), Arrays.copyOfRange(message, from, to),
                result.outcome() == Prettifier.Outcome.CORRUPT, result.trailers()));
    }

    /** The headers, then the trailers: every field of the response (gRPC's status may be in either). */
    public List<HttpHeader> fields() {
        if (trailers.isEmpty()) {
            return headers;
        }
        List<HttpHeader> all = new java.util.ArrayList<>(headers);
        all.addAll(trailers);
        return all;
    }

    /** The value of the first header of this name, any case; empty when absent. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.named(name)).map(HttpHeader::value).findFirst();
    }

    private static int contentLength(HttpHead head, int available) {
        if (head.hasHeader("Transfer-Encoding")) {
            return available;
        }
        try {
            long length = Long.parseLong(head.header("Content-Length").orElse("-1").strip());
            return length < 0 || length > available ? available : (int) length;
        } catch (NumberFormatException e) {
            return available;
        }
    }
}
