package dev.shadowtap.pipeline;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** TransformedInput reads past dropped messages, returns changed ones, and delegates live() and close(). */
class TransformedInputTest {

    /** An input over a fixed list of messages, recording close(). */
    private static final class ListInput implements Input {
        private final Deque<Message> messages;
        private final boolean live;
        final AtomicBoolean closed = new AtomicBoolean();

        ListInput(List<Message> messages, boolean live) {
            this.messages = new ArrayDeque<>(messages);
            this.live = live;
        }

        @Override
        public Message read() {
            return closed.get() ? null : messages.poll();
        }

        @Override
        public boolean live() {
            return live;
        }

        @Override
        public boolean ready() {
            return !closed.get() && !messages.isEmpty();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static Message message(int i) {
        return new Message(MessageType.REQUEST, "id" + i, i, Message.NO_LATENCY, ("m" + i).getBytes());
    }

    @Test
    void readsUntilAMessagePassesAndEndsWithTheInput() throws Exception {
        List<Message> all = List.of(message(1), message(2), message(3), message(4), message(5), message(6));
        Transform evenOnly = m -> m.timestampNs() % 2 == 0 ? m.withPayload((new String(m.payload()) + "!").getBytes()) : null;
        TransformedInput in = new TransformedInput(new ListInput(all, false), evenOnly);
        List<String> got = new ArrayList<>();
        Message m;
        while ((m = in.read()) != null) {
            got.add(new String(m.payload()));
        }
        assertThat(got).containsExactly("m2!", "m4!", "m6!");
        assertThat(in.read()).isNull();
    }

    @Test
    void anInputWhoseMessagesAreAllDroppedEnds() throws Exception {
        assertThat(new TransformedInput(new ListInput(List.of(message(1), message(3)), false), m -> null).read()).isNull();
    }

    @Test
    void delegatesLiveAndClose() throws IOException {
        ListInput live = new ListInput(List.of(), true);
        TransformedInput in = new TransformedInput(live, Transform.IDENTITY);
        assertThat(in.live()).isTrue();
        assertThat(new TransformedInput(new ListInput(List.of(), false), Transform.IDENTITY).live()).isFalse();
        in.close();
        assertThat(live.closed).isTrue();
    }

    @Test
    void andThenAppliesTheSecondOnlyToWhatTheFirstPasses() {
        List<Message> seen = new ArrayList<>();
        Transform first = m -> m.timestampNs() == 1 ? null : m;
        Transform second = m -> {
            seen.add(m);
            return m;
        };
        Transform both = first.andThen(second);
        assertThat(both.apply(message(1))).isNull();
        assertThat(both.apply(message(2))).isEqualTo(message(2));
        assertThat(seen).containsExactly(message(2));
    }

    @Test
    void readyReadsAheadToAMessageThatPassesWithoutLosingOrReorderingAny() throws Exception {
        List<Message> all = List.of(message(1), message(2), message(3), message(4), message(5));
        Transform evenOnly = m -> m.timestampNs() % 2 == 0 ? m : null;
        TransformedInput in = new TransformedInput(new ListInput(all, true), evenOnly);

        assertThat(in.ready()).isTrue(); // read ahead past 1 to 2
        assertThat(in.ready()).isTrue(); // idempotent: 2 is still at hand
        assertThat(new String(in.read().payload())).isEqualTo("m2");
        assertThat(in.ready()).isTrue();
        assertThat(new String(in.read().payload())).isEqualTo("m4");
        assertThat(in.ready()).isFalse(); // only 5 was left, and it does not pass
        assertThat(in.read()).isNull();
    }

    @Test
    void aLimitReadsAheadTheSameWay() throws Exception {
        List<Message> all = List.of(message(1), message(2), message(3));
        LimitedInput in = new LimitedInput(new ListInput(all, true),
                Limiter.of(new Limit.PerSecond(2), new dev.shadowtap.core.StageStats("limit")));

        assertThat(in.ready()).isTrue();
        assertThat(new String(in.read().payload())).isEqualTo("m1");
        assertThat(in.ready()).isTrue();
        assertThat(new String(in.read().payload())).isEqualTo("m2");
        assertThat(in.ready()).isFalse(); // the third is over the limit of 2 per second
        assertThat(in.read()).isNull();
    }

    @Test
    void aFailureMetWhileReadingAheadIsThrownByTheNextRead() throws Exception {
        Input failing = new Input() {
            private int reads;

            @Override
            public Message read() throws IOException {
                if (++reads == 2) {
                    throw new IOException("disk gone");
                }
                return message(reads);
            }

            @Override
            public boolean ready() {
                return true;
            }
        };
        TransformedInput in = new TransformedInput(failing, m -> m.timestampNs() == 1 ? null : m);

        assertThat(in.ready()).isTrue(); // 1 filtered out, then the read of 2 fails
        org.assertj.core.api.Assertions.assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("disk gone");
        assertThat(new String(in.read().payload())).isEqualTo("m3");
    }
}
