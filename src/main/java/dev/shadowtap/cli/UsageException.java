package dev.shadowtap.cli;

/** A user mistake on the command line; the message is the one line shown to the user. */
final class UsageException extends Exception {
    UsageException(String oneLine) {
        super(oneLine, null, false, false);
    }
}
