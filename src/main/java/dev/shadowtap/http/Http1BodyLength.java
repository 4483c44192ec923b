package dev.shadowtap.http;

import java.util.List;

/**
 * How a message's body ends, decided from its head alone (RFC 9112 section 6.3), so the framer only
 * follows the decision.
 */
sealed interface Http1BodyLength {

    /** No body; {@code tunnel}: the connection stops being HTTP after this message (101, 2xx to CONNECT). */
    record None(boolean tunnel) implements Http1BodyLength {
    }

    record Fixed(long length) implements Http1BodyLength {
    }

    record Chunked() implements Http1BodyLength {
    }

    record UntilClose() implements Http1BodyLength {
    }

    /** The length headers are malformed; {@code header} and {@code occurrence} point at the bad line. */
    record Invalid(FramingError.Reason reason, String header, int occurrence, String detail) implements Http1BodyLength {
    }

    /**
     * @param requestMethod for a final response, the method of the request it answers; ignored for
     *                      requests and interim responses
     */
    None NO_BODY = new None(false);
    None TUNNEL = new None(true);
    Chunked CHUNKED = new Chunked();
    UntilClose UNTIL_CLOSE = new UntilClose();

    static Http1BodyLength of(HttpHead head, String requestMethod) {
        if (head.request()) {
            if (head.method().equals("CONNECT")) {
                return NO_BODY; // RFC 9110 9.3.6: CONNECT has no content, whatever its length headers say
            }
            if (head.hasHeader("Transfer-Encoding")) {
                return lastCodingIsChunked(head) ? CHUNKED : new Invalid(FramingError.Reason.BAD_TRANSFER_ENCODING,
                        "Transfer-Encoding", head.headers("Transfer-Encoding").size() - 1,
                        "request Transfer-Encoding does not end in chunked: '" + String.join(", ", head.headers("Transfer-Encoding")) + "'");
            }
            return head.hasHeader("Content-Length") ? contentLength(head) : NO_BODY;
        }
        int status = head.status();
        if (head.isInterim()) {
            return NO_BODY;
        }
        if (status == 101 || (requestMethod.equals("CONNECT") && status >= 200 && status < 300)) {
            return TUNNEL;
        }
        if (requestMethod.equals("HEAD") || status == 204 || status == 304) {
            return NO_BODY;
        }
        if (head.hasHeader("Transfer-Encoding")) {
            // Transfer-Encoding overrides Content-Length; a coding other than chunked last runs to the close
            return lastCodingIsChunked(head) ? CHUNKED : UNTIL_CLOSE;
        }
        return head.hasHeader("Content-Length") ? contentLength(head) : UNTIL_CLOSE;
    }

    private static boolean lastCodingIsChunked(HttpHead head) {
        if (head.onlyValueIs("Transfer-Encoding", "chunked")) {
            return true;
        }
        String[] codings = String.join(",", head.headers("Transfer-Encoding")).split(",");
        for (int i = codings.length - 1; i >= 0; i--) {
            String c = codings[i].strip();
            if (!c.isEmpty()) {
                return c.equalsIgnoreCase("chunked");
            }
        }
        return false;
    }

    /** Every Content-Length value, comma lists included, must be the same run of digits. */
    private static Http1BodyLength contentLength(HttpHead head) {
        long plain = head.onlyDigits("Content-Length");
        if (plain >= 0) {
            return new Fixed(plain);
        }
        long length = -1;
        List<String> values = head.headers("Content-Length");
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            for (String part : value.split(",", -1)) {
                long n = HttpNumbers.decimal(part.strip());
                if (n < 0) {
                    return new Invalid(FramingError.Reason.BAD_CONTENT_LENGTH, "Content-Length", i,
                            "bad Content-Length '" + value + "'");
                }
                if (length >= 0 && n != length) {
                    return new Invalid(FramingError.Reason.CONFLICTING_CONTENT_LENGTH, "Content-Length", i,
                            "conflicting Content-Length values " + String.join(", ", values));
                }
                length = n;
            }
        }
        return new Fixed(length);
    }
}
