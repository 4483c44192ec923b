package dev.shadowtap.io.raw;

import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@link RawInput} under test, its messages collected by a reader thread, and the checks of what it captured. */
final class LiveCapture implements AutoCloseable {
    final StageStats stage = new StageStats("input-raw");
    final StageStats tcpStage = new StageStats("input-raw-tcp");
    final RawInput input;
    final ConcurrentLinkedQueue<Message> messages = new ConcurrentLinkedQueue<>();
    final List<String> logged = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    LiveCapture(RawInputConfig config) throws IOException {
        this(config, true);
    }

    /** With {@code read} false nobody reads the input: the pipeline is stuck. */
    LiveCapture(RawInputConfig config, boolean read) throws IOException {
        Log log = new Log() {
            @Override
            public void warn(String line) {
                logged.add("warn " + line);
            }

            @Override
            public void info(String line) {
                logged.add(line);
            }
        };
        input = RawInput.open(config, stage, tcpStage, log);
        reader = Thread.ofVirtual().unstarted(() -> {
            try {
                Message m;
                while ((m = input.read()) != null) {
                    messages.add(m);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (read) {
            reader.start();
        }
    }

    boolean readerDone() {
        return !reader.isAlive();
    }

    /** Waits until {@code count} messages arrived (or 10 s passed), then stops the capture and lets it flush. */
    List<Message> awaitThenStop(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (messages.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(150); // anything extra that should not be there shows up too
        close();
        return new ArrayList<>(messages);
    }

    @Override
    public void close() throws InterruptedException {
        input.close();
        input.awaitEnd(Duration.ofSeconds(10));
        if (reader.isAlive()) {
            reader.join(Duration.ofSeconds(10));
        }
    }

    /**
     * Every request arrived once, byte for byte as the client sent it; with responses, each of its
     * responses (100 Continue included) byte for byte as the client received them, with the request's
     * id and later than the request; every record with GoReplay's four header fields, the fourth (first
     * to last packet) never negative; nothing else, nothing lost.
     */
    void assertExactly(List<RawClient.Exchange> sent, List<Message> got, boolean responses) {
        Map<String, Message> requestsByText = new HashMap<>();
        Map<String, List<Message>> responsesById = new HashMap<>();
        for (Message m : got) {
            if (m.type() == MessageType.REQUEST) {
                assertThat(m.id()).matches("[0-9a-f]{24}");
                Message twice = requestsByText.put(new String(m.payload(), StandardCharsets.ISO_8859_1), m);
                assertThat(twice).as("request captured twice").isNull();
            } else {
                assertThat(m.type()).isEqualTo(MessageType.RESPONSE);
                responsesById.computeIfAbsent(m.id(), k -> new ArrayList<>()).add(m);
            }
        }
        assertThat(requestsByText).hasSize(sent.size());
        int responseCount = 0;
        for (RawClient.Exchange e : sent) {
            Message request = requestsByText.get(e.requestText());
            assertThat(request).as("captured request %s", e.requestText().lines().findFirst().orElse("")).isNotNull();
            assertThat(request.hasLatency()).isTrue();
            assertThat(request.latencyNs()).isNotNegative();
            assertThat(request.connection().isKnown()).isTrue();
            if (!responses) {
                continue;
            }
            List<Message> answers = responsesById.getOrDefault(request.id(), List.of());
            assertThat(answers).as("responses to %s", e.requestText().lines().findFirst().orElse(""))
                    .hasSameSizeAs(e.responses());
            for (int i = 0; i < answers.size(); i++) {
                assertThat(new String(answers.get(i).payload(), StandardCharsets.ISO_8859_1))
                        .isEqualTo(new String(e.responses().get(i), StandardCharsets.ISO_8859_1));
                assertThat(answers.get(i).hasLatency()).isTrue();
                assertThat(answers.get(i).latencyNs()).isNotNegative();
                assertThat(answers.get(i).timestampNs()).isGreaterThan(request.timestampNs());
            }
            responseCount += answers.size();
        }
        assertThat(got).hasSize(sent.size() + responseCount);
        assertThat(stage.snapshot().drops()).as("losses of the input").isEmpty();
        assertThat(tcpStage.snapshot().drops()).as("losses of reassembly").isEmpty();
    }
}
