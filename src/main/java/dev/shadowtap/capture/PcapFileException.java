package dev.shadowtap.capture;

import java.io.IOException;

/** A pcap file that cannot be read at all (not a capture, unsupported link type), in one line. */
public final class PcapFileException extends IOException {
    public PcapFileException(String oneLine) {
        super(oneLine);
    }
}
