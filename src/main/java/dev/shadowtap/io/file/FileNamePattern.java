package dev.shadowtap.io.file;

import dev.shadowtap.pipeline.MessageType;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * GoReplay's {@code --output-file} name placeholders, expanded for a moment and a message type:
 * <ul>
 * <li>{@code %Y %m %d %H %M %S}: year, month, day, hour, minute, second of the moment in the zone
 * given (GoReplay uses local time, so the application passes the system default zone);
 * zero-padded to 4 or 2 digits;</li>
 * <li>{@code %NS}: the nanosecond within the second, unpadded (as Go's {@code time.Nanosecond()});
 * every record then gets a name of its own;</li>
 * <li>{@code %r}: a random word fixed for the output instance;</li>
 * <li>{@code %t}: the message type digit (1, 2, 3), so types go to separate files;</li>
 * <li>{@code %i}: the instance id given to the constructor.</li>
 * </ul>
 * Any other {@code %} is kept as written. Pure: no clock, no randomness of its own.
 */
public final class FileNamePattern {
    private enum Part { LITERAL, YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, NANOS, RANDOM, TYPE, INSTANCE }

    private record Token(Part part, String text) {
    }

    private final String pattern;
    private final ZoneId zone;
    private final String random;
    private final String instanceId;
    private final List<Token> tokens;

    public FileNamePattern(String pattern, ZoneId zone, String random, String instanceId) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.random = Objects.requireNonNull(random, "random");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.tokens = parse(pattern);
    }

    /** A random word of 8 letters, like GoReplay's instance ids. */
    public static String randomWord(RandomGenerator generator) {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder word = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            word.append(letters.charAt(generator.nextInt(letters.length())));
        }
        return word.toString();
    }

    public String pattern() {
        return pattern;
    }

    /** True when the name depends on the message type ({@code %t}). */
    public boolean usesType() {
        return has(Part.TYPE);
    }

    /** True when the name depends on the time ({@code %Y} to {@code %S}, {@code %NS}). */
    public boolean usesTime() {
        for (Token token : tokens) {
            if (token.part() != Part.LITERAL && token.part().ordinal() <= Part.NANOS.ordinal()) {
                return true;
            }
        }
        return false;
    }

    /** True when the name changes within a second ({@code %NS}). */
    public boolean usesNanos() {
        return has(Part.NANOS);
    }

    /** The file name for a record of {@code type} written at {@code now}. */
    public String expand(Instant now, MessageType type) {
        ZonedDateTime time = null;
        StringBuilder name = new StringBuilder(pattern.length() + 16);
        for (Token token : tokens) {
            if (token.part() != Part.LITERAL && token.part().ordinal() <= Part.SECOND.ordinal() && time == null) {
                time = now.atZone(zone);
            }
            switch (token.part()) {
                case LITERAL -> name.append(token.text());
                case YEAR -> pad(name, time.getYear(), 4);
                case MONTH -> pad(name, time.getMonthValue(), 2);
                case DAY -> pad(name, time.getDayOfMonth(), 2);
                case HOUR -> pad(name, time.getHour(), 2);
                case MINUTE -> pad(name, time.getMinute(), 2);
                case SECOND -> pad(name, time.getSecond(), 2);
                case NANOS -> name.append(now.getNano());
                case RANDOM -> name.append(random);
                case TYPE -> name.append(type.code());
                case INSTANCE -> name.append(instanceId);
            }
        }
        return name.toString();
    }

    private boolean has(Part part) {
        return tokens.stream().anyMatch(t -> t.part() == part);
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        out.repeat('0', Math.max(0, width - digits.length())).append(digits);
    }

    private static List<Token> parse(String pattern) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            Part part = null;
            int width = 2;
            if (pattern.charAt(i) == '%' && i + 1 < pattern.length()) {
                if (pattern.startsWith("NS", i + 1)) {
                    part = Part.NANOS;
                    width = 3;
                } else {
                    part = switch (pattern.charAt(i + 1)) {
                        case 'Y' -> Part.YEAR;
                        case 'm' -> Part.MONTH;
                        case 'd' -> Part.DAY;
                        case 'H' -> Part.HOUR;
                        case 'M' -> Part.MINUTE;
                        case 'S' -> Part.SECOND;
                        case 'r' -> Part.RANDOM;
                        case 't' -> Part.TYPE;
                        case 'i' -> Part.INSTANCE;
                        default -> null;
                    };
                }
            }
            if (part == null) {
                literal.append(pattern.charAt(i));
                i++;
                continue;
            }
            if (!literal.isEmpty()) {
                tokens.add(new Token(Part.LITERAL, literal.toString()));
                literal.setLength(0);
            }
            tokens.add(new Token(part, null));
            i += width;
        }
        if (!literal.isEmpty()) {
            tokens.add(new Token(Part.LITERAL, literal.toString()));
        }
        return List.copyOf(tokens);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
