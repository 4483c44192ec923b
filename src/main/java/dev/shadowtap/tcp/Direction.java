package dev.shadowtap.tcp;

/** Which end of a connection sent the bytes. The client is the end that sent the SYN. */
public enum Direction {
    FROM_CLIENT, FROM_SERVER;

    public Direction opposite() {
        return this == FROM_CLIENT ? FROM_SERVER : FROM_CLIENT;
    }
}
