package dev.shadowtap.capture.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A shell starts a background job ({@code shadowtap ... &}) with SIGINT ignored, and the JVM then
 * never takes SIGINT over: {@code kill -INT} would do nothing, where gor stops. This puts SIGINT
 * back to its default disposition, only when it was ignored, before the JVM's handler is asked for.
 */
public final class InterruptSignal {
    private static final int SIGINT = 2;
    private static final long SIG_IGN = 1;

    private InterruptSignal() {
    }

    /** True when SIGINT was ignored and is now back to its default; false when nothing was changed. */
    public static boolean unignore() {
        if (!ignoredAtStart()) {
            return false; // the common case: no native call at all
        }
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle signal = linker.downcallHandle(linker.defaultLookup().findOrThrow("signal"),
                    FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
            MemorySegment previous = (MemorySegment) signal.invokeExact(SIGINT, MemorySegment.NULL); // SIG_DFL
            return previous.address() == SIG_IGN;
        } catch (Throwable e) {
            return false; // no libc to ask (or native access refused): SIGINT stays as the shell left it
        }
    }

    /** The kernel's view ({@code SigIgn:} in /proc/self/status, a hex mask with bit n-1 for signal n). */
    private static boolean ignoredAtStart() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (SIGINT - 1))) != 0;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: leave SIGINT alone
        }
        return false;
    }
}
