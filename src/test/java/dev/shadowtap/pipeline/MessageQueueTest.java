package dev.shadowtap.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** MessageQueue: bounded by count and held bytes, moved in batches, waits only where asked. */
class MessageQueueTest {

    private static Message sized(int id, int bytes) {
        return new Message(MessageType.REQUEST, "id" + id, id, Message.NO_LATENCY, new byte[bytes]);
    }

    @Test
    void aBatchQueuesWhatFitsInOrderAndRefusesTheRest() {
        MessageQueue queue = new MessageQueue(3, 1000);
        List<Message> batch = List.of(sized(1, 10), sized(2, 10), sized(3, 10), sized(4, 10), sized(5, 10));
        List<Message> refused = new ArrayList<>();

        assertThat(queue.offerFitting(batch, refused)).isEqualTo(3);

        assertThat(refused).extracting(Message::id).containsExactly("id4", "id5");
        assertThat(queue.size()).isEqualTo(3);
        List<Message> taken = new ArrayList<>();
        assertThat(queue.poll(taken, 10)).isEqualTo(3);
        assertThat(taken).extracting(Message::id).containsExactly("id1", "id2", "id3");
        assertThat(queue.size()).isZero();
    }

    @Test
    void bytesStayHeldUntilReleasedEvenOnceTaken() {
        MessageQueue queue = new MessageQueue(100, 25);
        assertThat(queue.offer(sized(1, 10))).isTrue();
        assertThat(queue.offer(sized(2, 10))).isTrue();
        assertThat(queue.offer(sized(3, 10))).isFalse(); // 30 > 25

        List<Message> taken = new ArrayList<>();
        queue.poll(taken, 10);
        assertThat(queue.offer(sized(3, 10))).isFalse(); // taken, not yet written: still held

        queue.release(20);
        assertThat(queue.offer(sized(3, 10))).isTrue();
    }

    @Test
    void aMessageLargerThanTheBudgetFitsOnlyAQueueHoldingNothing() {
        MessageQueue queue = new MessageQueue(100, 25);
        assertThat(queue.offer(sized(1, 1000))).isTrue();
        assertThat(queue.offer(sized(2, 1))).isFalse();
        List<Message> taken = new ArrayList<>();
        queue.poll(taken, 1);
        assertThat(queue.offer(sized(2, 1000))).isFalse(); // the first is still held
        queue.release(1000);
        assertThat(queue.offer(sized(2, 1000))).isTrue();
    }

    @Test
    void takeWaitsForAMessageOrItsTimeout() throws Exception {
        MessageQueue queue = new MessageQueue(10, 1000);
        List<Message> taken = new ArrayList<>();
        long start = System.nanoTime();
        assertThat(queue.take(taken, 10, 50)).isZero();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(45);

        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take(taken, 10, -1);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertThat(waiting).isNotDone();
        queue.offerFitting(List.of(sized(1, 1), sized(2, 1)), new ArrayList<>());
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void aWaitingOfferGetsInOnceRoomIsReleased() throws Exception {
        MessageQueue queue = new MessageQueue(1, 1000);
        assertThat(queue.offer(sized(1, 1))).isTrue();
        assertThat(queue.offer(sized(2, 1), 30, TimeUnit.MILLISECONDS)).isFalse();

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.offer(sized(2, 1), 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        List<Message> taken = new ArrayList<>();
        queue.poll(taken, 1);
        queue.release(1);
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void removeTakesAQueuedMessageBackWithItsBytesAndForceIgnoresTheBounds() {
        MessageQueue queue = new MessageQueue(1, 10);
        Message first = sized(1, 10);
        assertThat(queue.offer(first)).isTrue();
        Message marker = sized(2, 50);
        queue.force(marker);
        assertThat(queue.size()).as("a forced marker is not counted in the depth").isEqualTo(1);

        assertThat(queue.remove(first)).isTrue();
        assertThat(queue.remove(first)).isFalse();
        assertThat(queue.size()).isZero();
        List<Message> taken = new ArrayList<>();
        assertThat(queue.poll(taken, 5)).isEqualTo(1);
        assertThat(taken).containsExactly(marker);
        assertThat(queue.size()).isZero();
    }

    @Test
    void aFullQueueWithItsForcedMarkerReadsItsCapacityNotMore() {
        MessageQueue queue = new MessageQueue(4, 1_000);
        for (int i = 0; i < 4; i++) {
            assertThat(queue.offer(sized(i, 1))).isTrue();
        }
        queue.force(sized(9, 1));
        assertThat(queue.size()).isEqualTo(4);
        List<Message> taken = new ArrayList<>();
        queue.poll(taken, 2);
        assertThat(queue.size()).isEqualTo(2);
        queue.poll(taken, 5);
        assertThat(queue.size()).isZero();
        assertThat(taken).hasSize(5);
    }
}
