package dev.shadowtap.capture.ffi;

/**
 * A capture could not start or went wrong for a reason the user can act on (no right to capture, no
 * such interface, libpcap missing, a bad filter expression). The message is one line meant to be
 * shown as is; callers print it without a stack trace.
 */
public final class NativeCaptureException extends RuntimeException {
    public NativeCaptureException(String oneLine) {
        super(oneLine, null, false, false);
    }
}
