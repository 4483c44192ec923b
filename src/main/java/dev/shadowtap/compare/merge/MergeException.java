package dev.shadowtap.compare.merge;

/** A merge that cannot be done, for a reason the user can fix: its message is the one line shown. */
final class MergeException extends Exception {
    MergeException(String message) {
        super(message);
    }
}
