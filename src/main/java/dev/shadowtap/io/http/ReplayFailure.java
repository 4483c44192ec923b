package dev.shadowtap.io.http;

/** A request that got no usable response, with the kebab-case reason it is counted under. */
final class ReplayFailure extends Exception {
    private final String reason;

    ReplayFailure(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
