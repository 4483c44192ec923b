package dev.shadowtap.pipeline;

import java.nio.charset.StandardCharsets;

/** Numbered requests for pipeline tests: payload {@code GET /n HTTP/1.1}. */
final class TestMessages {
    private TestMessages() {
    }

    static Message request(int n) {
        byte[] payload = ("GET /" + n + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return new Message(MessageType.REQUEST, String.format("%024x", n), 1_000L + n, Message.NO_LATENCY, payload);
    }

    static int number(Message message) {
        return Integer.parseInt(message.id(), 16);
    }
}
