package dev.shadowtap.io.http;

/**
 * A request ready for the target, with what the sender needs to know about it, found in the same pass
 * over the head that edited it (no header objects made).
 *
 * @param bytes          what goes on the wire
 * @param method         the request method as written
 * @param headLength     where the body starts in {@code bytes}
 * @param expectContinue {@code Expect: 100-continue} with a body after the head
 * @param closeAfter     {@code Connection: close}, or HTTP/1.0 without keep-alive: the connection ends after it
 */
record OutgoingRequest(byte[] bytes, String method, int headLength, boolean expectContinue, boolean closeAfter) {
}
