package dev.shadowtap.compare;

import dev.shadowtap.io.http.HttpReplayConfig;
import dev.shadowtap.io.http.HttpReplayOutput;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.Stats;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@code --compare-secondary}: the requests also go to a second instance of the old version, through
 * the comparison's own {@link HttpReplayOutput} (tracking responses, not a pipeline output); its
 * replies are read here, on a virtual thread, and handed to the engine.
 */
final class SecondaryTarget implements AutoCloseable {
    private final HttpReplayOutput output;
    private final Thread reader;

    SecondaryTarget(URI target, Stats stats, Log log, Consumer<Message> replies) {
        this.output = new HttpReplayOutput(HttpReplayConfig.defaults(target).withTrackResponse(true), stats, log);
        Input input = output.replies();
        this.reader = Thread.ofVirtual().name("compare-secondary " + target).start(() -> {
            try {
                for (Message m; (m = input.read()) != null; ) {
                    replies.accept(m);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException | RuntimeException e) {
                log.warn("compare-secondary " + target + ": replies stopped: " + e.getMessage());
            }
        });
    }

    /** Sends a request to the secondary (waits while its queue is full); other messages are ignored. */
    void send(Message request) throws InterruptedException {
        output.write(request);
    }

    /** Lets the queued requests finish, then waits for the last replies to be handed over. */
    @Override
    public void close() throws InterruptedException {
        output.close();
        reader.join(Duration.ofSeconds(10));
    }
}
