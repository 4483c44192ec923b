package dev.shadowtap.cli;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as GoReplay's {@code size} package reads them: a whole number in Go's forms ({@code 1024},
 * {@code 1_000}, {@code 0x100000}, {@code 0o777}, {@code 0b101}, and as in Go a leading {@code 0} is octal)
 * and an optional unit in powers of 1024, case-insensitive ({@code 512kb}, {@code 32mb}, {@code 5MB},
 * {@code 1gb}, {@code 1tb}; {@code 0x1b} is hex 27, as in GoReplay). Beyond GoReplay: the one-letter units
 * {@code k m g t}, {@code b}, the {@code kib} spelling, and decimal fractions ({@code 1.5gb}, rounded down
 * to whole bytes).
 */
public final class Sizes {
    static final String EXPECTED = "a size like 32mb or 1g";
    private static final Pattern SIZE = Pattern.compile(
            "(0x[\\da-f_]+|0[ob][\\d_]+|\\d[\\d_]*)(?:\\.(\\d+))?\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /** The size in bytes. */
    public static long parse(String text) throws BadValueException {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new BadValueException(EXPECTED);
        }
        BigInteger whole;
        if (m.group(2) == null) {
            whole = GoIntegers.parse(m.group(1)).orElseThrow(() -> new BadValueException(EXPECTED))
                    .multiply(multiplier(m.group(3)));
        } else if (m.group(1).matches("\\d(?:_?\\d)*")) {
            // exact, rounded down: (digits of the whole and the fraction) * unit / 10^(fraction digits)
            String fraction = m.group(2);
            whole = new BigInteger(m.group(1).replace("_", "") + fraction).multiply(multiplier(m.group(3)))
                    .divide(BigInteger.TEN.pow(fraction.length()));
        } else {
            throw new BadValueException(EXPECTED);
        }
        if (whole.bitLength() > 63) {
            throw new BadValueException(EXPECTED + ", at most 8388607tb");
        }
        return whole.longValueExact();
    }

    private static BigInteger multiplier(String unit) {
        if (unit == null) {
            return BigInteger.ONE;
        }
        int power = switch (unit.toLowerCase(Locale.ROOT).charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            default -> 0;
        };
        return BigInteger.ONE.shiftLeft(10 * power);
    }

    /** The default of a size flag, e.g. 32mb for {@code --output-file-size-limit}. */
    static long parseDefault(Flag flag) {
        try {
            return parse(flag.defaultValue().orElseThrow());
        } catch (BadValueException e) {
            throw new IllegalStateException("bad default of " + flag.display(), e);
        }
    }

    /** The shortest exact spelling of {@code bytes} with a unit ({@code 33554432} is {@code 32mb}). */
    public static String format(long bytes) {
        String[] units = {"tb", "gb", "mb", "kb"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (4 - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }
}
