package dev.shadowtap.io.kafka;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;

/**
 * One assigned partition's messages handed on and not yet committed, in offset order. The offset to
 * commit is the one after the last of an unbroken run of taken messages from the oldest: a message
 * still held, or lost at a stop, holds back every later one, so a commit never skips a message that
 * was not taken. Only the consumer's thread calls it; the receipts settle on any thread.
 */
final class PartitionLedger {
    private final TopicPartition partition;
    private final ArrayDeque<OffsetReceipt> handedOn = new ArrayDeque<>();
    /** The offset to commit next, or -1 before any message was taken. */
    private long committable = -1;
    private long committed = -1;
    /** Messages taken past the last commit, already off {@link #handedOn}. */
    private int takenUncommitted;

    PartitionLedger(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    OffsetReceipt handOn(long offset, Runnable settled) {
        OffsetReceipt receipt = new OffsetReceipt(offset, settled);
        handedOn.addLast(receipt);
        return receipt;
    }

    /** Moves past the taken messages at the head; true when there is an offset to commit. */
    boolean advance() {
        OffsetReceipt head;
        while ((head = handedOn.peekFirst()) != null && head.taken()) {
            handedOn.pollFirst();
            committable = head.offset() + 1;
            takenUncommitted++;
        }
        return committable > committed;
    }

    long committable() {
        return committable;
    }

    /** The broker has the offset {@link #committable()} returned when this commit began. */
    void committed(long offset) {
        if (offset > committed) {
            committed = offset;
            takenUncommitted = 0;
        }
    }

    /** Messages handed on and not committed: the most that repeat if the process dies now. */
    int uncommitted() {
        return handedOn.size() + takenUncommitted;
    }

    /** Whether no stage holds any of its messages (each was taken or lost). */
    boolean settled() {
        for (OffsetReceipt r : handedOn) {
            if (!r.settled()) {
                return false;
            }
        }
        return true;
    }

    /** Its messages some stage still holds. */
    int unsettled() {
        int n = 0;
        for (OffsetReceipt r : handedOn) {
            if (!r.settled()) {
                n++;
            }
        }
        return n;
    }
}
