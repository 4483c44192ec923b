package dev.shadowtap.cli;

/** {@code --output-ws-*}. */
public record WebSocketOptions(boolean skipVerify, boolean sticky, int workers, boolean stats) {
}
