package dev.shadowtap.http2;

import java.util.ArrayList;
import java.util.List;

/** One stream of a captured connection: its request, its response, the record id they share. */
final class H2Stream {
    /** An interim (1xx) response that came before its request was emitted: held to keep the order. */
    record Interim(H2Record.Built built, long timestampNs, long spanNs) {
    }

    final int id;
    final String recordId;
    final H2Part request = new H2Part();
    final H2Part response = new H2Part();
    final List<Interim> interims = new ArrayList<>(0);
    /** The RST_STREAM error code's name once either end reset the stream, else null. */
    String reset;
    /** Whether the request was dropped (counted): its responses have nothing to pair with. */
    boolean requestDropped;

    H2Stream(int id, String recordId) {
        this.id = id;
        this.recordId = recordId;
    }
}
