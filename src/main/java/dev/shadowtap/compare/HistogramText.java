package dev.shadowtap.compare;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;

/**
 * A latency histogram as text, losslessly: HdrHistogram's compressed encoding in base64 (the form of
 * its own histogram logs). Read back as a {@link Histogram} of long counts, so merging many cannot overflow.
 */
public final class HistogramText {
    private HistogramText() {
    }

    public static String encode(AbstractHistogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /**
     * @throws IllegalArgumentException when the text is not a histogram of the comparison's bounds
     */
    public static Histogram decode(String text) {
        Histogram h = parse(text);
        if (h.getNumberOfSignificantValueDigits() != EndpointTally.LATENCY_DIGITS
                || h.getMaxValue() > EndpointTally.HIGHEST_MICROS) {
            throw new IllegalArgumentException("not a latency histogram of the comparison (2 digits, at most 1 h)");
        }
        return h;
    }

    private static Histogram parse(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), EndpointTally.HIGHEST_MICROS);
            h.getMaxValue(); // counts that do not fit the histogram fail here rather than later
            return h;
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an HdrHistogram in base64", e);
        }
    }

    /** An empty histogram with the bounds of the comparison's latency histograms, to add others to. */
    public static Histogram empty() {
        return new Histogram(EndpointTally.HIGHEST_MICROS, EndpointTally.LATENCY_DIGITS);
    }
}
