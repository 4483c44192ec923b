package dev.shadowtap.demo;

import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The fallback when the demo cannot capture: the client writes what it sent and received as a
 * capture would, a type-1 request and a type-2 response under one fresh id (24 hex digits, as
 * {@code --input-raw} makes them), each with four header fields, the fourth -1: a client does not see
 * a message's packets, whose first-to-last time the field holds. Thread-safe: the connections share it.
 */
public final class GorRecorder implements ExchangeRecorder, AutoCloseable {
    private final OutputStream out;
    private final GorWriter writer;
    private final String prefix;
    private long next;
    private long requests;
    private long responses;

    public GorRecorder(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file));
        this.writer = GorWriter.file(out);
        this.prefix = String.format("%08x", new SplittableRandom().nextInt());
    }

    @Override
    public synchronized void exchange(byte[] request, long requestNs, byte[] response, long responseNs)
            throws IOException {
        String id = prefix + String.format("%016x", ++next);
        writer.write(new Message(MessageType.REQUEST, id, requestNs, Message.UNKNOWN_LATENCY, request));
        requests++;
        writer.write(new Message(MessageType.RESPONSE, id, responseNs, Message.UNKNOWN_LATENCY, response));
        responses++;
    }

    public synchronized long requests() {
        return requests;
    }

    public synchronized long responses() {
        return responses;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
