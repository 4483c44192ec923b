package dev.shadowtap.capture;

import dev.shadowtap.capture.ffi.InterruptSignal;

/** SIGINT's disposition for {@code Main}, whose native call lives in {@code capture.ffi} with all native code. */
public final class InterruptDisposition {
    private InterruptDisposition() {
    }

    /** True when SIGINT was ignored (a shell's background job) and is now back to its default. */
    public static boolean unignore() {
        return InterruptSignal.unignore();
    }
}
