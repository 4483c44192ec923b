package dev.shadowtap.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtap.http.HttpHeader;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares two decoded responses: the status code, the headers (by name, any case, in any order; the
 * framing headers {@link VolatileShapes#FRAMING} are left out) and the body: JSON field by field when
 * both bodies are JSON, text line by line (the first {@link #MAX_LINES} differing lines), anything else
 * by SHA-256; a gRPC response ({@link GrpcExchange}) by its status and its protobuf messages, field by
 * field. Says nothing about noise: that is the {@link NoiseClassifier}'s job.
 */
public final class ResponseDiff {
    /** Differing lines reported for one text body. */
    public static final int MAX_LINES = 3;
    /** Characters shown before the first difference of a long changed line. */
    static final int EXCERPT_CONTEXT = 40;

    private final ObjectMapper json = new ObjectMapper();
    private final int maxMessage;

    /** @param maxMessage the largest gRPC message decompressed (larger bodies compare as bytes) */
    public ResponseDiff(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    public ResponseDiff() {
        this(CompareConfig.DEFAULT_MAX_BODY);
    }

    public List<Difference> diff(DecodedResponse reference, DecodedResponse candidate) {
        List<Difference> out = new ArrayList<>();
        if (reference.status() != candidate.status()) {
            out.add(new Difference("status", DiffKind.STATUS, String.valueOf(reference.status()),
                    String.valueOf(candidate.status())));
        }
        if (GrpcExchange.applies(reference, candidate)) {
            GrpcExchange.status(reference, candidate, out);
            headers(GrpcExchange.fieldsButStatus(reference), GrpcExchange.fieldsButStatus(candidate), out);
            if (!Arrays.equals(reference.body(), candidate.body())
                    && !GrpcExchange.messages(reference, candidate, maxMessage, out)) {
                body(reference, candidate, out);
            }
            return out;
        }
        headers(reference.headers(), candidate.headers(), out);
        body(reference, candidate, out);
        return out;
    }

    /** Headers by name, any case, values of one name joined; gRPC's trailers are among them. */
    private static void headers(List<HttpHeader> reference, List<HttpHeader> candidate, List<Difference> out) {
        Map<String, String> a = byName(reference);
        Map<String, String> b = byName(candidate);
        a.forEach((name, value) -> {
            String other = b.get(name);
            if (other == null) {
                out.add(new Difference("header:" + name, DiffKind.MISSING, value, ""));
            } else if (!other.equals(value)) {
                out.add(new Difference("header:" + name, DiffKind.CHANGED, value, other));
            }
        });
        b.forEach((name, value) -> {
            if (!a.containsKey(name)) {
                out.add(new Difference("header:" + name, DiffKind.EXTRA, "", value));
            }
        });
    }

    /** Lower-case name to its values joined with ", " in wire order; framing headers left out. */
    private static Map<String, String> byName(List<HttpHeader> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HttpHeader h : headers) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (!VolatileShapes.FRAMING.contains(name)) {
                out.merge(name, h.value(), (x, y) -> x + ", " + y);
            }
        }
        return out;
    }

    private void body(DecodedResponse reference, DecodedResponse candidate, List<Difference> out) {
        byte[] a = reference.body();
        byte[] b = candidate.body();
        if (Arrays.equals(a, b)) {
            return;
        }
        JsonNode ja = parseJson(a, reference);
        JsonNode jb = ja == null ? null : parseJson(b, candidate);
        if (ja != null && jb != null) {
            out.addAll(JsonDiff.diff(ja, jb));
            return;
        }
        String ta = text(a);
        String tb = ta == null ? null : text(b);
        if (ta != null && tb != null) {
            lines(ta, tb, out);
            return;
        }
        out.add(new Difference("body:sha256", DiffKind.DIGEST, digest(a), digest(b)));
    }

    private JsonNode parseJson(byte[] body, DecodedResponse response) {
        String type = response.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        int first = firstNonSpace(body);
        if (!type.contains("json") && (first < 0 || (body[first] != '{' && body[first] != '['))) {
            return null;
        }
        if (first < 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static int firstNonSpace(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] > ' ') {
                return i;
            }
        }
        return -1;
    }

    /** The body as UTF-8 text, or null when it is not valid UTF-8 or holds control characters. */
    static String text(byte[] body) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return null;
                }
            }
            return s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void lines(String a, String b, List<Difference> out) {
        String[] la = a.split("\r?\n", -1);
        String[] lb = b.split("\r?\n", -1);
        int reported = 0;
        for (int i = 0; i < Math.max(la.length, lb.length) && reported < MAX_LINES; i++) {
            String x = i < la.length ? la[i] : null;
            String y = i < lb.length ? lb[i] : null;
            if (x == null || y == null || !x.equals(y)) {
                DiffKind kind = x == null ? DiffKind.EXTRA : y == null ? DiffKind.MISSING : DiffKind.LINE;
                int from = x == null || y == null ? 0 : excerptStart(x, y);
                out.add(new Difference("body:line:" + (i + 1), kind, excerpt(x, from), excerpt(y, from)));
                reported++;
            }
        }
    }

    /** Where a long changed line is shown from: a little before its first differing character. */
    private static int excerptStart(String x, String y) {
        if (x.length() <= Difference.MAX_VALUE_CHARS && y.length() <= Difference.MAX_VALUE_CHARS) {
            return 0;
        }
        int d = 0;
        while (d < x.length() && d < y.length() && x.charAt(d) == y.charAt(d)) {
            d++;
        }
        return Math.max(0, d - EXCERPT_CONTEXT);
    }

    private static String excerpt(String line, int from) {
        return line == null || from == 0 ? line : "..." + line.substring(Math.min(from, line.length()));
    }

    static String digest(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body))
                    + " (" + body.length + " bytes)";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
