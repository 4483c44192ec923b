package dev.shadowtap.demo;

import java.nio.charset.StandardCharsets;

/**
 * One request of the traffic mix: which connection sends it, and what it sends.
 *
 * @param connection the keep-alive connection (0-based) that sends it, in plan order
 * @param method     GET or POST
 * @param target     path and query
 * @param body       JSON body of a POST, empty for a GET
 */
public record PlannedRequest(int connection, String method, String target, String body) {
    /** The raw request as sent to {@code host} (host:port), byte for byte. */
    public byte[] bytes(String host) {
        StringBuilder head = new StringBuilder(160).append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("User-Agent: shadowtap-demo/1\r\n")
                .append("Accept: application/json\r\n");
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        if (method.equals("POST")) {
            head.append("Content-Type: application/json\r\n").append("Content-Length: ").append(content.length)
                    .append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(content, 0, all, headBytes.length, content.length);
        return all;
    }

    /** The same request sent on another connection: a client repeating itself. */
    PlannedRequest on(int otherConnection) {
        return new PlannedRequest(otherConnection, method, target, body);
    }
}
