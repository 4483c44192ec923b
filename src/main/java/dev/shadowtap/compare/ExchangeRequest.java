package dev.shadowtap.compare;

import dev.shadowtap.http.HttpHead;
import dev.shadowtap.http.HttpHeadException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * What the comparison needs of a request: its start line, its endpoint ({@link PathTemplate}; a gRPC
 * call's is its method, {@code /pkg.Service/Method}) and a
 * key that is equal for identical requests (method, target and body; headers are not part of it).
 */
public record ExchangeRequest(String method, String target, String startLine, String endpoint, String key) {

    /** Parses a raw request; empty when it does not start with a request head. */
    public static Optional<ExchangeRequest> of(byte[] payload) {
        HttpHead head;
        try {
            head = HttpHead.parse(payload);
        } catch (HttpHeadException e) {
            return Optional.empty();
        }
        if (!head.request()) {
            return Optional.empty();
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        sha.update((head.method() + " " + head.target() + "\n").getBytes(StandardCharsets.ISO_8859_1));
        int bodyFrom = Math.min(head.length(), payload.length);
        sha.update(payload, bodyFrom, payload.length - bodyFrom);
        String key = HexFormat.of().formatHex(sha.digest(), 0, 16);
        String endpoint = isGrpc(head) ? grpcMethod(head.target()) : PathTemplate.endpoint(head.method(), head.target());
        return Optional.of(new ExchangeRequest(head.method(), head.target(), head.startLine(), endpoint, key));
    }

    /** A gRPC call: its content type is {@code application/grpc} or one of its {@code +} forms. */
    private static boolean isGrpc(HttpHead head) {
        String type = head.header("Content-Type").orElse("").strip().toLowerCase(Locale.ROOT);
        return type.startsWith("application/grpc") && (type.length() == 16 || type.charAt(16) == '+'
                || type.charAt(16) == ';');
    }

    /** A gRPC method is its path, {@code /pkg.Service/Method}, as is: its segments are names, never ids. */
    private static String grpcMethod(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }
}
