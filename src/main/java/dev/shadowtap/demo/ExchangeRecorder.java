package dev.shadowtap.demo;

import java.io.IOException;

/** Sees every request the demo client sent and the response it got, as raw bytes with their times. */
@FunctionalInterface
public interface ExchangeRecorder {
    /**
     * @param request    the request as sent
     * @param requestNs  wall-clock time the request was sent, ns since the epoch
     * @param response   the response as received
     * @param responseNs wall-clock time its first bytes arrived, ns since the epoch
     */
    void exchange(byte[] request, long requestNs, byte[] response, long responseNs) throws IOException;

    /** Records nothing: the live capture does the recording. */
    ExchangeRecorder NONE = (request, requestNs, response, responseNs) -> {
    };
}
