package dev.shadowtap.compare.grpc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * What a schema-less field is taken to be, and how its value is shown in a difference. A
 * length-delimited field is a nested message when it parses completely and is not plain text (UTF-8
 * without any control character: short strings sometimes parse as messages, while a message with a
 * string field starts with a control byte); otherwise a string when it is UTF-8 text, else bytes (hex).
 * A message of only a varint field 1 of epoch seconds (2000 to 2100) and a varint field 2 below 10^9
 * reads as a {@code google.protobuf.Timestamp} and is shown as an ISO-8601 instant.
 */
public final class ProtoValues {
    /** Nesting read at most; deeper length-delimited fields compare as bytes. */
    public static final int MAX_DEPTH = 64;
    /** Characters rendered at most for one value (a difference keeps fewer). */
    static final int MAX_RENDER = 400;
    private static final long SECONDS_2000 = 946_684_800L;
    private static final long SECONDS_2100 = 4_102_444_800L;

    private ProtoValues() {
    }

    /** The fields of a length-delimited value read as a message, or null when it is text or not a message. */
    public static List<ProtoField> message(byte[] bytes) {
        List<ProtoField> fields = ProtoReader.parse(bytes);
        return fields == null || plainText(bytes) ? null : fields;
    }

    /** The instant of a Timestamp-shaped message, or null. */
    static Instant timestamp(List<ProtoField> fields) {
        long seconds = -1;
        long nanos = 0;
        for (ProtoField f : fields) {
            if (f.wireType() != ProtoField.VARINT || f.number() > 2) {
                return null;
            }
            if (f.number() == 1) {
                seconds = f.bits();
            } else {
                nanos = f.bits();
            }
        }
        boolean shaped = seconds >= SECONDS_2000 && seconds < SECONDS_2100 && nanos >= 0 && nanos < 1_000_000_000L;
        return shaped ? Instant.ofEpochSecond(seconds, nanos) : null;
    }

    /** A field's value as text: numbers in decimal, strings JSON-quoted, bytes in hex, messages as {@code {1: v, ...}}. */
    public static String render(ProtoField f) {
        StringBuilder out = new StringBuilder();
        render(f, out, 0);
        return out.toString();
    }

    /** Several values of one repeated field: {@code [a, b]}. */
    static String render(List<ProtoField> values) {
        StringBuilder out = new StringBuilder("[");
        for (ProtoField f : values) {
            if (out.length() > MAX_RENDER) {
                break;
            }
            out.append(out.length() > 1 ? ", " : "");
            render(f, out, 0);
        }
        return out.append(']').toString();
    }

    /** A whole message: {@code {1: 5, 2: "x"}}. */
    public static String renderMessage(List<ProtoField> fields) {
        StringBuilder out = new StringBuilder();
        renderMessage(fields, out, 0);
        return out.toString();
    }

    private static void render(ProtoField f, StringBuilder out, int depth) {
        switch (f.wireType()) {
            case ProtoField.VARINT -> out.append(f.bits());
            case ProtoField.I64 -> out.append(fixed64(f.bits()));
            case ProtoField.I32 -> out.append(fixed32((int) f.bits()));
            default -> {
                List<ProtoField> nested = depth < MAX_DEPTH ? message(f.bytes()) : null;
                Instant instant = nested == null ? null : timestamp(nested);
                if (instant != null) {
                    out.append('"').append(instant).append('"');
                } else if (nested != null && !nested.isEmpty()) {
                    renderMessage(nested, out, depth + 1);
                } else {
                    String text = text(f.bytes());
                    if (text != null) {
                        quote(text, out);
                    } else {
                        out.append(HexFormat.of().formatHex(f.bytes(), 0, Math.min(f.bytes().length, MAX_RENDER / 2)));
                    }
                }
            }
        }
    }

    private static void renderMessage(List<ProtoField> fields, StringBuilder out, int depth) {
        out.append('{');
        for (ProtoField f : fields) {
            if (out.length() > MAX_RENDER) {
                out.append("...");
                break;
            }
            out.append(out.charAt(out.length() - 1) == '{' ? "" : ", ").append(f.number()).append(": ");
            render(f, out, depth);
        }
        out.append('}');
    }

    /** A 64-bit value as the double it may be when that reads as a plain number, else as a signed integer. */
    static String fixed64(long bits) {
        double d = Double.longBitsToDouble(bits);
        double abs = Math.abs(d);
        return bits != 0 && abs >= 1e-9 && abs <= 1e18 ? Double.toString(d) : Long.toString(bits);
    }

    /** A 32-bit value as the float it may be when that reads as a plain number, else as a signed integer. */
    static String fixed32(int bits) {
        float d = Float.intBitsToFloat(bits);
        float abs = Math.abs(d);
        return bits != 0 && abs >= 1e-6f && abs <= 1e12f ? Float.toString(d) : Integer.toString(bits);
    }

    /** The bytes as UTF-8 text with no control character but tab and line ends; null otherwise. */
    static String text(byte[] bytes) {
        String s = utf8(bytes);
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < ' ' && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
                return null;
            }
        }
        return s;
    }

    /** Non-empty UTF-8 with no control character at all. */
    private static boolean plainText(byte[] bytes) {
        String s = bytes.length == 0 ? null : utf8(bytes);
        return s != null && s.chars().allMatch(c -> c >= ' ' && c != 0x7f);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length() && i < MAX_RENDER; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        out.append('"');
    }
}
