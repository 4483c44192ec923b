package dev.shadowtap.compare;

import dev.shadowtap.compare.grpc.GrpcFrames;
import dev.shadowtap.compare.grpc.ProtoDiff;
import dev.shadowtap.compare.grpc.ProtoField;
import dev.shadowtap.compare.grpc.ProtoReader;
import dev.shadowtap.http.HttpHeader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What comparing two gRPC responses adds to {@link ResponseDiff}: {@code grpc-status}, from the
 * trailers or (a trailers-only answer) the headers, compared as a status ({@link #STATUS}); the other
 * headers and trailers compared together by name; and the body as its length-prefixed messages
 * ({@link GrpcFrames}), message i with message i, each decoded as protobuf without a schema and compared
 * field by field ({@link ProtoDiff}). Paths are {@code $.1.2} for the one message of a unary answer,
 * {@code $[i].1.2} when either side has another number of messages (a stream, or none).
 */
final class GrpcExchange {
    /** The path of a changed gRPC status. */
    static final String STATUS = "grpc-status";

    private GrpcExchange() {
    }

    /** Whether either response is gRPC ({@code application/grpc} or {@code application/grpc+proto}). */
    static boolean applies(DecodedResponse reference, DecodedResponse candidate) {
        return isGrpc(reference) || isGrpc(candidate);
    }

    static boolean isGrpc(DecodedResponse response) {
        String type = response.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        return type.equals("application/grpc") || type.equals("application/grpc+proto");
    }

    /** A changed {@code grpc-status} ("" when a side has none). */
    static void status(DecodedResponse reference, DecodedResponse candidate, List<Difference> out) {
        String a = status(reference);
        String b = status(candidate);
        if (!a.equals(b)) {
            out.add(new Difference(STATUS, DiffKind.STATUS, a, b));
        }
    }

    private static String status(DecodedResponse response) {
        for (HttpHeader h : response.fields()) {
            if (h.named(STATUS)) {
                return h.value();
            }
        }
        return "";
    }

    /** Every header and trailer but {@code grpc-status}, which {@link #status} compares. */
    static List<HttpHeader> fieldsButStatus(DecodedResponse response) {
        List<HttpHeader> out = new ArrayList<>();
        for (HttpHeader h : response.fields()) {
            if (!h.named(STATUS)) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * Compares the bodies message by message; false (nothing added) when either is not whole gRPC frames
     * that decode, to be compared as any other body.
     */
    static boolean messages(DecodedResponse reference, DecodedResponse candidate, int maxMessage, List<Difference> out) {
        List<byte[]> a = GrpcFrames.split(reference.body(), reference.header("grpc-encoding").orElse(null), maxMessage);
        List<byte[]> b = a == null ? null
                : GrpcFrames.split(candidate.body(), candidate.header("grpc-encoding").orElse(null), maxMessage);
        if (a == null || b == null) {
            return false;
        }
        boolean indexed = a.size() != 1 || b.size() != 1;
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common && out.size() < ProtoDiff.MAX_DIFFERENCES; i++) {
            message(indexed ? "$[" + i + "]" : "$", a.get(i), b.get(i), out);
        }
        if (a.size() != b.size()) {
            out.add(new Difference("$", DiffKind.LENGTH, count(a.size()), count(b.size())));
        }
        return true;
    }

    private static String count(int messages) {
        return messages + (messages == 1 ? " message" : " messages");
    }

    private static void message(String path, byte[] a, byte[] b, List<Difference> out) {
        if (Arrays.equals(a, b)) {
            return;
        }
        List<ProtoField> fa = ProtoReader.parse(a);
        List<ProtoField> fb = fa == null ? null : ProtoReader.parse(b);
        if (fa != null && fb != null) {
            ProtoDiff.diff(path, fa, fb, out);
        } else {
            out.add(new Difference(path, DiffKind.DIGEST, ResponseDiff.digest(a), ResponseDiff.digest(b)));
        }
    }
}
