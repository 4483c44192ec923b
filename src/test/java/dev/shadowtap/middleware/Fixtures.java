package dev.shadowtap.middleware;

import dev.shadowtap.pipeline.Input;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.pipeline.Output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Real inputs and outputs for running a middleware program inside an emitter. */
final class Fixtures {
    private Fixtures() {
    }

    /** The JDK 25 that runs the tests (the java on PATH may be older). */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** True when {@code program} is on the PATH. */
    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Requests and responses with every byte value somewhere, sizes up to {@code maxBody}. */
    static List<Message> messages(int count, int maxBody, long seed) {
        Random random = new Random(seed);
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] body = new byte[random.nextInt(maxBody + 1)];
            random.nextBytes(body);
            String head = i % 2 == 0 ? "POST /n/" + i + " HTTP/1.1\r\nContent-Length: " + body.length + "\r\n\r\n"
                    : "HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n";
            byte[] payload = new byte[head.length() + body.length];
            System.arraycopy(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, payload, 0, head.length());
            System.arraycopy(body, 0, payload, head.length(), body.length);
            out.add(new Message(i % 2 == 0 ? MessageType.REQUEST : MessageType.RESPONSE,
                    String.format("%024x", 1000 + i / 2), 1_700_000_000_000_000_000L + i, i % 2 == 0 ? Message.NO_LATENCY : 77,
                    payload));
        }
        return out;
    }

    /** Hands out its messages, {@code gap} apart; ends at the last one or when closed. */
    static class ListInput implements Input {
        private final List<Message> messages;
        private final Duration gap;
        private volatile boolean closed;
        private int next;

        ListInput(List<Message> messages, Duration gap) {
            this.messages = messages;
            this.gap = gap;
        }

        @Override
        public Message read() throws InterruptedException {
            if (next > 0 && !gap.isZero()) {
                long until = System.nanoTime() + gap.toNanos();
                while (!closed && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
            }
            return closed || next == messages.size() ? null : messages.get(next++);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Keeps what it was given. */
    static final class Recording implements Output {
        final List<Message> messages = new CopyOnWriteArrayList<>();

        @Override
        public void write(Message message) {
            messages.add(message);
        }
    }

    /**
     * A replay output in miniature: answers each request with a REPLAYED message of the same id,
     * handed out through {@link #replies()} (after a delay), which ends once this output is closed.
     */
    static final class Answering implements Output {
        private static final Message END = new Message(MessageType.REPLAYED, "end", 0, Message.NO_LATENCY, new byte[0]);
        private final LinkedBlockingQueue<Message> queue;
        final List<Message> requests = new CopyOnWriteArrayList<>();

        Answering() {
            this(Integer.MAX_VALUE);
        }

        /** Its writes wait while {@code capacity} replies are unread, like a replay output's. */
        Answering(int capacity) {
            this.queue = new LinkedBlockingQueue<>(capacity);
        }

        @Override
        public void write(Message message) throws InterruptedException {
            if (!message.isRequest()) {
                return;
            }
            requests.add(message);
            Thread.sleep(2);
            queue.put(new Message(MessageType.REPLAYED, message.id(), message.timestampNs() + 1, 5,
                    ("HTTP/1.1 200 OK\r\nX-For: " + message.id() + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }

        @Override
        public void close() throws java.io.IOException {
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
        }

        Input replies() {
            return () -> {
                Message m = queue.poll(30, TimeUnit.SECONDS);
                return m == null || m == END ? null : m;
            };
        }
    }

    /** Keeps its lines, warnings prefixed with "warn: ". */
    static final class Lines implements Log {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void warn(String line) {
            lines.add("warn: " + line);
        }

        @Override
        public void info(String line) {
            lines.add(line);
        }

        List<String> matching(String part) {
            return lines.stream().filter(l -> l.contains(part)).toList();
        }
    }
}
