import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The floor of {@code bench/middleware/run}: the least a JVM program can do to pass a .gor file
 * through a middleware with GoReplay's protocol, to tell the JVM's own cost (start, JIT, page faults)
 * and the protocol's (hex both ways, two pipes) from shadowtap's. One thread reads the file in large
 * reads, cuts it at the record separator and writes each record's hex line through a 64 KB buffer to
 * the program's stdin; a second reads the program's stdout in 256 KB reads, cuts it at newlines and
 * decodes each line into a new array of its size (as a message's payload would be). Table lookups
 * both ways, as shadowtap's codec. No pipeline, no statistics, no checks but the line count.
 *
 * <p>{@code java MinimalPipe FILE PROGRAM [ARG...]} prints {@code N lines, B bytes decoded}.
 */
public final class MinimalPipe {
    private static final byte[] SEPARATOR = "\n\uD83D\uDC35\uD83D\uDE48\uD83D\uDE49\n".getBytes(StandardCharsets.UTF_8);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final short[] DIGIT_PAIRS = new short[256];
    private static final short[] PAIR_VALUES = new short[1 << 16];

    static {
        byte[] digits = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int b = 0; b < 256; b++) {
            DIGIT_PAIRS[b] = (short) (digits[b >>> 4] | digits[b & 0xf] << 8);
        }
        Arrays.fill(PAIR_VALUES, (short) -1);
        for (int b = 0; b < 256; b++) {
            PAIR_VALUES[(char) DIGIT_PAIRS[b]] = (short) b;
        }
    }

    private MinimalPipe() {
    }

    public static void main(String[] args) throws Exception {
        Process program = new ProcessBuilder(Arrays.copyOfRange(args, 1, args.length))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long[] result = new long[2];
        Thread reader = Thread.ofPlatform().start(() -> result[0] = readLines(program.getInputStream(), result));
        long written;
        try (InputStream file = Files.newInputStream(Path.of(args[0])); OutputStream out = program.getOutputStream()) {
            written = writeLines(file, out);
        }
        reader.join();
        program.waitFor();
        if (result[0] != written) {
            System.err.println("MinimalPipe: wrote " + written + " lines, read " + result[0]);
            System.exit(1);
        }
        System.out.println(result[0] + " lines, " + result[1] + " bytes decoded");
    }

    /** Cuts the file at separators and writes each record as a hex line; returns the lines written. */
    private static long writeLines(InputStream file, OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 20];
        byte[] line = new byte[1 << 16];
        int used = 0;
        int limit = 0;
        int start = 0;
        long lines = 0;
        boolean end = false;
        while (true) {
            int sep = indexOf(buf, start, limit, SEPARATOR);
            if (sep < 0 && !end) {
                System.arraycopy(buf, start, buf, 0, limit - start);
                limit -= start;
                start = 0;
                if (limit == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = file.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    end = true;
                } else {
                    limit += n;
                }
                continue;
            }
            int to = sep < 0 ? limit : sep;
            if (to > start) {
                for (int i = start; i < to; i++) {
                    if (used + 2 > line.length) {
                        out.write(line, 0, used);
                        used = 0;
                    }
                    SHORTS.set(line, used, DIGIT_PAIRS[buf[i] & 0xff]);
                    used += 2;
                }
                if (used == line.length) {
                    out.write(line, 0, used);
                    used = 0;
                }
                line[used++] = '\n';
                lines++;
            }
            if (sep < 0) {
                out.write(line, 0, used);
                return lines;
            }
            start = sep + SEPARATOR.length;
        }
    }

    /** Reads newline-ended hex lines and decodes each into an array of its own; returns the line count. */
    private static long readLines(InputStream in, long[] result) {
        byte[] buf = new byte[1 << 18];
        int start = 0;
        int limit = 0;
        long lines = 0;
        long bytes = 0;
        int bad = 0;
        try {
            while (true) {
                int nl = indexOfLf(buf, start, limit);
                if (nl < 0) {
                    System.arraycopy(buf, start, buf, 0, limit - start);
                    limit -= start;
                    start = 0;
                    if (limit == buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    int n = in.read(buf, limit, buf.length - limit);
                    if (n < 0) {
                        break;
                    }
                    limit += n;
                    continue;
                }
                byte[] payload = new byte[(nl - start) / 2];
                for (int i = 0, j = start; i < payload.length; i++, j += 2) {
                    int b = PAIR_VALUES[(char) (short) SHORTS.get(buf, j)];
                    bad |= b;
                    payload[i] = (byte) b;
                }
                bytes += payload.length;
                lines++;
                start = nl + 1;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (bad < 0) {
            throw new IllegalStateException("bad hex");
        }
        result[1] = bytes;
        return lines;
    }

    /** Where {@code what} (starting with a newline) first starts in b[from, to); -1 when it does not. */
    private static int indexOf(byte[] b, int from, int to, byte[] what) {
        for (int i = indexOfLf(b, from, to); i >= 0 && i <= to - what.length; i = indexOfLf(b, i + 1, to)) {
            if (Arrays.equals(b, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }

    /** The first newline in b[from, to), eight bytes at a time; -1 when there is none. */
    private static int indexOfLf(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long lf = (w - 0x0101010101010101L) & ~w & 0x8080808080808080L;
            if (lf != 0) {
                return i + (Long.numberOfTrailingZeros(lf) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
