package dev.shadowtap.cli;

import dev.shadowtap.pipeline.Address;
import dev.shadowtap.pipeline.Limit;

import java.util.regex.Pattern;

/**
 * Splits an input or output address from its limit suffix as GoReplay does: {@code ADDRESS|N} is at
 * most N messages a second, {@code ADDRESS|N%} a percentage (a speed factor on file inputs), no
 * suffix no limit. The suffix starts at the last {@code |}.
 */
public final class Addresses {
    static final String EXPECTED = "ADDRESS, ADDRESS|N or ADDRESS|N%";
    private static final Pattern PER_SECOND = Pattern.compile("\\d{1,18}");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)%");

    private Addresses() {
    }

    public static Address parse(String text) throws BadValueException {
        int bar = text.lastIndexOf('|');
        String value = bar < 0 ? text : text.substring(0, bar);
        if (value.isBlank()) {
            throw new BadValueException(EXPECTED);
        }
        return new Address(value, bar < 0 ? Limit.NONE : limit(text.substring(bar + 1).strip()));
    }

    /** A bare limit suffix ({@code 100} or {@code 50%}), as after the {@code |}. */
    public static Limit limit(String suffix) throws BadValueException {
        if (PER_SECOND.matcher(suffix).matches()) {
            long perSecond = Long.parseLong(suffix);
            if (perSecond == 0) {
                throw new BadValueException(EXPECTED + " with N above 0");
            }
            return new Limit.PerSecond(perSecond);
        }
        var percent = PERCENT.matcher(suffix);
        if (percent.matches()) {
            return new Limit.Percent(Double.parseDouble(percent.group(1)));
        }
        throw new BadValueException(EXPECTED);
    }

    /** The address as the user would write it, suffix included. */
    public static String format(Address address) {
        return switch (address.limit()) {
            case Limit.None none -> address.value();
            case Limit.PerSecond p -> address.value() + "|" + p.perSecond();
            case Limit.Percent p -> address.value() + "|" + BigDecimalText.of(p.percent()) + "%";
        };
    }
}
