package dev.shadowtap.io.kafka;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A Kafka input's membership of a consumer group ({@code --input-kafka-group}), on the consumer's one
 * thread: the partitions the group gives it, a {@link PartitionLedger} each, and the commits. An
 * offset is committed only once every message before it was taken by every output (its
 * {@link OffsetReceipt} settled, not lost): every commit interval, whenever {@code maxUncommitted}
 * messages are handed on and not committed (the input then waits, so no more than that can repeat
 * after a crash), before a partition moves to another member (after waiting for its messages in the
 * pipeline, so the next member goes on where this one finished, in order), and at a clean stop.
 */
final class GroupMember implements ConsumerRebalanceListener {
    /** How long a partition that moves waits for its messages still in the pipeline. */
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(20);
    /** How long a stop waits for the messages in the pipeline before its last commit. */
    private static final Duration FINAL_WAIT = Duration.ofSeconds(10);
    /** The longest the consumer goes without a poll while the input waits (the group's liveness). */
    private static final long KEEP_ALIVE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaGroup group;
    private final String name;
    private final Log log;
    private final StageStats stage;
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> fetched;
    private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
    private final Semaphore settles = new Semaphore(0);
    private final Runnable settled = settles::release;
    private long nextCommit;
    private long lastPoll = System.nanoTime();
    private boolean closing;
    private boolean commitFailureSaid;

    /** {@code fetched}: the input's records polled and not handed on yet, which a rebalance may take back. */
    GroupMember(KafkaConsumer<byte[], byte[]> consumer, KafkaGroup group, String name, Log log, StageStats stage,
                ArrayDeque<ConsumerRecord<byte[], byte[]>> fetched) {
        this.consumer = consumer;
        this.stage = stage;
        this.group = group;
        this.name = name + ": group " + group.name();
        this.log = log;
        this.fetched = fetched;
    }

    /**
     * The consumer settings of a member: no auto-commit; a partition the group never committed starts
     * at the oldest message with {@code -2}, else at the newest; cooperative rebalancing, so that only
     * the partitions that move stop.
     */
    static void configure(Properties p, KafkaGroup group, KafkaStart start) {
        p.put("group.id", group.name());
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", start.equals(KafkaStart.OLDEST) ? "earliest" : "latest");
        long session = group.sessionTimeout().toMillis();
        p.put("session.timeout.ms", Long.toString(session));
        p.put("heartbeat.interval.ms", Long.toString(Math.max(100, session / 3)));
        p.put("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
    }

    void join(String topic) {
        consumer.subscribe(List.of(topic), this);
        nextCommit = System.nanoTime() + group.commitInterval().toNanos();
    }

    /**
     * The receipt of a record about to be handed on, or null when its partition is no longer this
     * member's (it moved while the record waited its turn): then another member replays it.
     */
    OffsetReceipt handOn(ConsumerRecord<byte[], byte[]> record) {
        PartitionLedger ledger = ledgers.get(new TopicPartition(record.topic(), record.partition()));
        return ledger == null ? null : ledger.handOn(record.offset(), settled);
    }

    /**
     * Before the next record: commits when the interval is up, and while {@code maxUncommitted} are
     * handed on and not committed, commits what was taken and waits (polling now and then, so that the
     * group keeps this member) until fewer are, or {@code closing} says the input is closing.
     */
    void beforeNext(BooleanSupplier closed) throws InterruptedException {
        if (System.nanoTime() - nextCommit >= 0) {
            commit(ledgers.values());
        }
        if (System.nanoTime() - lastPoll >= KEEP_ALIVE_NANOS) {
            keepAlive(); // a slow output can make each record wait: the group still hears from us
        }
        while (uncommitted() >= group.maxUncommitted() && !closed.getAsBoolean()) {
            commit(ledgers.values());
            if (uncommitted() < group.maxUncommitted()) {
                return;
            }
            settles.drainPermits();
            settles.tryAcquire(50, TimeUnit.MILLISECONDS);
            if (System.nanoTime() - lastPoll >= KEEP_ALIVE_NANOS) {
                keepAlive();
            }
        }
    }

    /**
     * Polls without taking records of the partitions this member reads (they are paused), so that a
     * long wait (pacing, the bound) neither loses the group nor holds up its rebalances; records of
     * partitions assigned by this very poll join {@code fetched}.
     */
    void keepAlive() {
        Set<TopicPartition> paused = new HashSet<>(consumer.assignment());
        consumer.pause(paused);
        try {
            poll(Duration.ZERO);
        } catch (WakeupException e) {
            // close() woke it: the input ends
        } finally {
            paused.retainAll(consumer.assignment());
            consumer.resume(paused);
        }
    }

    /** The input's poll: what arrives joins {@code fetched}; a rebalance runs its callbacks in it. */
    void poll(Duration timeout) {
        lastPoll = System.nanoTime();
        consumer.poll(timeout).forEach(fetched::addLast);
    }

    /** Messages handed on and not committed, over every partition. */
    int uncommitted() {
        int n = 0;
        for (PartitionLedger ledger : ledgers.values()) {
            n += ledger.uncommitted();
        }
        return n;
    }

    /** A clean stop: waits (a while) for the messages in the pipeline, then commits what was taken. */
    void finish() {
        closing = true;
        if (!awaitSettled(ledgers.values(), FINAL_WAIT)) {
            log.warn(name + ": " + unsettled(ledgers.values()) + " messages were still being replayed at the stop;"
                    + " they are not committed and the group replays them again");
        }
        commit(ledgers.values());
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition p : partitions) {
            ledgers.putIfAbsent(p, new PartitionLedger(p));
        }
        if (!partitions.isEmpty()) {
            commitStarts(partitions);
            log.info(name + ": partitions " + numbers(partitions) + " assigned, reading " + numbers(ledgers.keySet()));
        }
    }

    /**
     * A partition the group never committed gets its start ({@code -1}: its end now) committed at once,
     * so that a member that takes it later goes on from there, not from the end at that later time.
     */
    private void commitStarts(Collection<TopicPartition> partitions) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
            for (TopicPartition p : partitions) {
                if (committed.get(p) == null) {
                    starts.put(p, new OffsetAndMetadata(consumer.position(p)));
                }
            }
            if (!starts.isEmpty()) {
                commitSync(starts);
            }
        } catch (WakeupException e) {
            // close() woke it: the input ends
        } catch (KafkaException e) {
            commitFailed(e);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        List<PartitionLedger> moving = new ArrayList<>();
        partitions.forEach(p -> {
            PartitionLedger ledger = ledgers.get(p);
            if (ledger != null) {
                moving.add(ledger);
            }
        });
        if (!closing && !awaitSettled(moving, REVOKE_WAIT)) {
            log.warn(name + ": partitions " + numbers(partitions) + " moved with " + unsettled(moving)
                    + " messages still being replayed here; the member that takes them replays them again");
        }
        commit(moving);
        forget(partitions);
        if (!partitions.isEmpty() && !closing) {
            log.info(name + ": partitions " + numbers(partitions) + " revoked, reading " + numbers(ledgers.keySet()));
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
        if (!partitions.isEmpty()) {
            log.warn(name + ": partitions " + numbers(partitions) + " lost (this member was too slow or cut off);"
                    + " what it handed on since the last commit is replayed again by the member that takes them");
        }
    }

    /**
     * Drops the ledgers and the fetched records of partitions that are no longer this member's; those
     * records are counted as skipped {@code partition-moved}: the member that has them now replays them.
     */
    private void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(ledgers::remove);
        fetched.removeIf(r -> {
            boolean moved = partitions.contains(new TopicPartition(r.topic(), r.partition()));
            if (moved) {
                stage.skipped(Reason.PARTITION_MOVED);
            }
            return moved;
        });
    }

    /** Commits, synchronously, the offset of every ledger that has moved; a failure is said once (those messages may repeat). */
    private void commit(Collection<PartitionLedger> which) {
        nextCommit = System.nanoTime() + group.commitInterval().toNanos();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionLedger ledger : which) {
            if (ledger.advance()) {
                offsets.put(ledger.partition(), new OffsetAndMetadata(ledger.committable()));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            commitSync(offsets);
        } catch (RebalanceInProgressException e) {
            return; // the group is being rebalanced: the next commit, after a poll, covers these
        } catch (KafkaException e) {
            commitFailed(e);
            return;
        }
        for (PartitionLedger ledger : which) {
            OffsetAndMetadata done = offsets.get(ledger.partition());
            if (done != null) {
                ledger.committed(done.offset());
            }
        }
    }

    private void commitFailed(KafkaException e) {
        if (!commitFailureSaid) {
            commitFailureSaid = true;
            log.warn(name + ": a commit failed (" + e.getMessage() + "); the messages since the last commit may"
                    + " be replayed again (later failures are not logged)");
        }
    }

    /** A wakeup meant for a poll (close()) must not cost a commit: it is spent, and the commit made again. */
    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            consumer.commitSync(offsets);
        }
    }

    /** Waits until no stage holds a message of these ledgers; false when {@code wait} ran out first. */
    private boolean awaitSettled(Collection<PartitionLedger> which, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            settles.drainPermits();
            if (which.stream().allMatch(PartitionLedger::settled)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                settles.tryAcquire(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static long unsettled(Collection<PartitionLedger> which) {
        return which.stream().mapToLong(PartitionLedger::unsettled).sum();
    }

    private static String numbers(Collection<TopicPartition> partitions) {
        Set<Integer> sorted = new TreeSet<>();
        partitions.forEach(p -> sorted.add(p.partition()));
        return sorted.toString();
    }
}
