package dev.shadowtap.io.kafka;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The offset a group member may commit: after the unbroken run of taken messages from the oldest. */
class PartitionLedgerTest {
    private final PartitionLedger ledger = new PartitionLedger(new TopicPartition("t", 0));

    @Test
    void aMessageStillHeldHoldsBackEveryLaterOneEvenIfTakenFirst() {
        OffsetReceipt a = ledger.handOn(10, () -> { });
        OffsetReceipt b = ledger.handOn(11, () -> { });
        OffsetReceipt c = ledger.handOn(12, () -> { });
        b.release();
        c.release();
        assertThat(ledger.advance()).isFalse();
        assertThat(ledger.uncommitted()).isEqualTo(3);
        a.release();
        assertThat(ledger.advance()).isTrue();
        assertThat(ledger.committable()).isEqualTo(13);
        assertThat(ledger.uncommitted()).isEqualTo(3);
        ledger.committed(13);
        assertThat(ledger.uncommitted()).isZero();
        assertThat(ledger.advance()).isFalse();
    }

    @Test
    void aLostMessageIsNeverCommittedPast() {
        OffsetReceipt a = ledger.handOn(0, () -> { });
        OffsetReceipt b = ledger.handOn(1, () -> { });
        OffsetReceipt c = ledger.handOn(2, () -> { });
        a.release();
        b.lose();
        c.release();
        assertThat(ledger.advance()).isTrue();
        assertThat(ledger.committable()).as("up to the lost one, which the group replays").isEqualTo(1);
        assertThat(ledger.settled()).isTrue();
        assertThat(ledger.unsettled()).isZero();
    }

    @Test
    void aMessageHeldByTwoOutputsIsTakenOnlyWhenBothAreDone() {
        int[] settles = new int[1];
        OffsetReceipt a = ledger.handOn(5, () -> settles[0]++);
        a.hold();
        a.hold(); // two outputs queue it
        a.release(); // the input's own hold
        a.release();
        assertThat(ledger.advance()).isFalse();
        assertThat(ledger.unsettled()).isEqualTo(1);
        a.release();
        assertThat(settles[0]).isEqualTo(1);
        assertThat(ledger.advance()).isTrue();
        assertThat(ledger.committable()).isEqualTo(6);
    }
}
