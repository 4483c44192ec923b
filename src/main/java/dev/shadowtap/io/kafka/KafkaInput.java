package dev.shadowtap.io.kafka;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.gor.GorRecord;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.pipeline.Message;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidSessionTimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code --input-kafka-host}/{@code --input-kafka-topic}. Without a group, as GoReplay reads: every
 * partition of the topic, from the {@link KafkaStart} on each, no offsets committed. With one
 * ({@code --input-kafka-group}) the partitions the group gives this member, each message handed on
 * with a receipt and its offset committed once every output took it ({@link GroupMember}). Each message is
 * a record in GoReplay's raw form (header line, newline, payload), returned byte for byte, or in its
 * JSON form ({@link KafkaJson#dump}); one that is not is counted as {@code bad-header} ({@code bad-json})
 * and the first named. Unless live, messages are paced by their
 * timestamps ({@link TimestampPacer}). Never ends by itself: {@link #close()} ends it.
 */
public final class KafkaInput implements Input {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String name;
    private final StageStats stage;
    private final Log log;
    private final TimestampPacer pacer;
    private final KafkaFormat format;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean badNamed = new AtomicBoolean();
    /** Records polled and not handed on yet, in each partition's order. */
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> fetched = new ArrayDeque<>();
    /** Null without a group. */
    private final GroupMember member;
    private boolean consumerClosed;

    private KafkaInput(KafkaConsumer<byte[], byte[]> consumer, String name, KafkaFormat format, StageStats stage,
                       Log log, TimestampPacer pacer, KafkaGroup group) {
        this.consumer = consumer;
        this.format = format;
        this.name = name;
        this.stage = stage;
        this.log = log;
        this.pacer = pacer;
        this.member = group == null ? null : new GroupMember(consumer, group, name, log, stage, fetched);
    }

    /**
     * Finds the topic's partitions (waiting up to the config's {@code openWait} for a broker); without a
     * group assigns them all and puts each at the config's start, with one joins the group.
     */
    public static KafkaInput open(KafkaInputConfig config, StageStats stage, Log log) throws IOException {
        KafkaTarget target = config.target();
        KafkaStart start = config.start();
        Duration wait = config.openWait();
        String flag = "--input-kafka-host " + String.join(",", target.hosts());
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            Properties properties = consumerProperties(target);
            config.group().ifPresent(g -> GroupMember.configure(properties, g, start));
            consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw new IOException(flag + ": " + rootMessage(e));
        }
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(target.topic(), wait);
            if (infos == null || infos.isEmpty()) {
                throw new IOException(flag + ": topic '" + target.topic() + "' has no partitions (does it exist?)");
            }
            if (config.group().isPresent()) {
                TimestampPacer pacer = config.speed() <= 0 || start.live() ? null : new TimestampPacer(config.speed());
                KafkaInput input = new KafkaInput(consumer, "input-kafka " + target.describe(), config.format(), stage,
                        log, pacer, config.group().get());
                input.member.join(target.topic());
                return input;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            if (start.equals(KafkaStart.OLDEST)) {
                consumer.seekToBeginning(partitions);
            } else if (start.equals(KafkaStart.NEWEST)) {
                consumer.seekToEnd(partitions);
            } else {
                partitions.forEach(p -> consumer.seek(p, start.offset()));
            }
            // resolves the seeks now, so that a live input misses nothing written after it opened
            partitions.forEach(p -> consumer.position(p, wait));
        } catch (org.apache.kafka.common.errors.AuthenticationException e) {
            consumer.close(Duration.ZERO);
            throw new IOException(flag + ": " + KafkaRefusal.describe(e));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            consumer.close(Duration.ZERO);
            throw new IOException(flag + ": no broker answered within " + wait.toSeconds() + " s (topic '"
                    + target.topic() + "')" + (target.tls().isPresent() ? "; over TLS: is it the broker's TLS listener?" : ""));
        } catch (KafkaException | IOException e) {
            consumer.close(Duration.ZERO);
            throw e instanceof IOException io ? io : new IOException(flag + ": " + rootMessage(e));
        }
        TimestampPacer pacer = config.speed() <= 0 || start.live() ? null : new TimestampPacer(config.speed());
        return new KafkaInput(consumer, "input-kafka " + target.describe(), config.format(), stage, log, pacer, null);
    }

    static Properties consumerProperties(KafkaTarget target) {
        Properties p = target.clientProperties("shadowtap-input");
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        return p;
    }

    @Override
    public Message read() throws IOException, InterruptedException {
        while (true) {
            if (closed.getCount() == 0) {
                closeConsumer();
                return null;
            }
            if (member != null) {
                member.beforeNext(() -> closed.getCount() == 0);
            }
            ConsumerRecord<byte[], byte[]> record = fetched.pollFirst();
            if (record != null) {
                byte[] value = record.value() == null ? new byte[0] : record.value();
                if (format == KafkaFormat.JSON) {
                    try {
                        value = KafkaJson.dump(value);
                    } catch (IOException e) {
                        bad(record, Reason.BAD_JSON, "not GoReplay's JSON: " + e.getMessage().lines().findFirst().orElse(""));
                        continue;
                    }
                }
                switch (GorRecord.parse(value, value.length)) {
                    case GorRecord.Valid v -> {
                        if (pace(v.message().timestampNs())) {
                            Message handed = handOn(record, v.message());
                            if (handed != null) {
                                return handed;
                            }
                        }
                    }
                    case GorRecord.Invalid bad -> bad(record, Reason.BAD_HEADER, "not a record (" + bad.problem() + ")");
                }
                continue;
            }
            try {
                if (member != null) {
                    member.poll(Duration.ofMillis(500));
                } else {
                    consumer.poll(Duration.ofMillis(500)).forEach(fetched::addLast);
                }
            } catch (WakeupException e) {
                // close() woke the poll
            } catch (InvalidSessionTimeoutException e) {
                throw new IOException("--input-kafka-session-timeout: the broker refused it (outside its"
                        + " group.min.session.timeout.ms..group.max.session.timeout.ms, by default 6s..30m)");
            }
        }
    }

    /**
     * The message as handed on: in a group with its receipt, or null when its partition moved to another
     * member while it waited its turn (that member replays it).
     */
    private Message handOn(ConsumerRecord<byte[], byte[]> record, Message message) {
        if (member == null) {
            return message;
        }
        OffsetReceipt receipt = member.handOn(record);
        if (receipt == null) {
            stage.skipped(Reason.PARTITION_MOVED); // not a loss: the member that has the partition now replays it
            return null;
        }
        return message.withReceipt(receipt);
    }

    /** Counts a message that gives no record; the first one is named by its partition and offset. */
    private void bad(ConsumerRecord<byte[], byte[]> record, Reason reason, String problem) {
        if (member != null) {
            OffsetReceipt receipt = member.handOn(record);
            if (receipt != null) {
                receipt.release(); // counted: nothing to wait for, its offset may be committed
            }
        }
        stage.drop(reason);
        if (badNamed.compareAndSet(false, true)) {
            log.warn(name + ": partition " + record.partition() + " offset " + record.offset() + " is " + problem
                    + "; such messages are counted as " + reason.label());
        }
    }

    /** Waits the message's turn; false when the input was closed meanwhile. */
    private boolean pace(long recordedNs) throws InterruptedException {
        if (pacer == null) {
            return true;
        }
        long delay = pacer.delayNanos(recordedNs, System.nanoTime());
        while (delay > 0) {
            // a group member polls now and then while it waits, so that the group keeps it
            long slice = member == null ? delay : Math.min(delay, TimeUnit.MILLISECONDS.toNanos(500));
            if (closed.await(slice, TimeUnit.NANOSECONDS)) {
                return false;
            }
            delay -= slice;
            if (member != null && delay > 0) {
                member.keepAlive();
            }
        }
        pacer.emitted(recordedNs, System.nanoTime());
        return true;
    }

    /** With a group, first commits what the outputs took (waiting a while for what they still hold). */
    private void closeConsumer() {
        if (!consumerClosed) {
            consumerClosed = true;
            if (member != null) {
                member.finish();
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Ends the input: a blocked {@link #read()} returns null soon after, and closes the consumer. */
    @Override
    public void close() {
        closed.countDown();
        consumer.wakeup();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
