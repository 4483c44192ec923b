package dev.shadowtap.app;

import dev.shadowtap.cli.KafkaEndpoint;
import dev.shadowtap.cli.KafkaOptions;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;
import dev.shadowtap.io.kafka.KafkaFormat;
import dev.shadowtap.io.kafka.KafkaGroup;
import dev.shadowtap.io.kafka.KafkaInput;
import dev.shadowtap.io.kafka.KafkaInputConfig;
import dev.shadowtap.io.kafka.KafkaOutput;
import dev.shadowtap.io.kafka.KafkaOutputConfig;
import dev.shadowtap.io.kafka.KafkaSasl;
import dev.shadowtap.io.kafka.KafkaStart;
import dev.shadowtap.io.kafka.KafkaTarget;
import dev.shadowtap.io.kafka.KafkaTls;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.pipeline.Limit;
import dev.shadowtap.pipeline.LimitedInput;
import dev.shadowtap.pipeline.Limiter;
import dev.shadowtap.pipeline.Sink;
import dev.shadowtap.pipeline.Source;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/** The Kafka input and output of a run, opened from their {@code --input-kafka-*}/{@code --output-kafka-*} flags. */
final class KafkaWiring {
    /** How long opening an input waits for a broker to name the topic's partitions. */
    private static final Duration INPUT_OPEN_WAIT = Duration.ofSeconds(30);

    private KafkaWiring() {
    }

    /**
     * The input, with the HTTP filters ({@code filtered}); on {@code --input-kafka-offset} a percentage is
     * a speed factor, as on a file, and {@code |N} limits what passes per second.
     */
    static Source input(KafkaOptions kafka, Stats stats, Log log, BiFunction<Input, StageStats, Input> filtered)
            throws IOException {
        KafkaEndpoint endpoint = kafka.input().orElseThrow();
        KafkaTarget target = target(endpoint, tls(kafka));
        StageStats stage = stats.stage("input-kafka " + target.describe());
        Limit limit = endpoint.offset().limit();
        double speed = limit instanceof Limit.Percent p ? p.factor() : 1.0;
        Optional<KafkaGroup> group = kafka.group().map(g -> new KafkaGroup(g.name(), g.commitInterval(),
                g.maxUncommitted(), g.sessionTimeout()));
        KafkaInputConfig config = new KafkaInputConfig(target, format(endpoint), new KafkaStart(endpoint.offset().offset()),
                speed, INPUT_OPEN_WAIT, group);
        Input input = filtered.apply(KafkaInput.open(config, stage, log), stage);
        if (limit instanceof Limit.PerSecond perSecond) {
            input = new LimitedInput(input, Limiter.of(perSecond, stage));
        }
        return new Source(input, stage);
    }

    /** The target with its SASL login and TLS; the command line checked the mechanism's name and the credentials. */
    private static KafkaTarget target(KafkaEndpoint endpoint, Optional<KafkaTls> tls) {
        KafkaEndpoint.Sasl s = endpoint.sasl();
        Optional<KafkaSasl> sasl = !s.enabled() ? Optional.empty()
                : Optional.of(new KafkaSasl(KafkaSasl.Mechanism.valueOf(s.mechanism().orElse("PLAIN")
                        .toUpperCase(Locale.ROOT).replace('-', '_')), s.username().orElseThrow(), s.password().orElseThrow()));
        return new KafkaTarget(endpoint.hosts(), endpoint.topic().orElseThrow(), sasl, tls);
    }

    /** TLS is on, as in GoReplay, when a CA or a client certificate is given; the files are read here. */
    private static Optional<KafkaTls> tls(KafkaOptions kafka) throws IOException {
        if (kafka.tlsCaCert().isEmpty() && kafka.tlsClientCert().isEmpty() && kafka.tlsClientKey().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(KafkaTls.load(kafka.tlsCaCert().map(Path::of), kafka.tlsClientCert().map(Path::of),
                kafka.tlsClientKey().map(Path::of)));
    }

    private static KafkaFormat format(KafkaEndpoint endpoint) {
        return endpoint.json() ? KafkaFormat.JSON : KafkaFormat.RAW;
    }

    static Sink output(KafkaOptions kafka, Stats stats, Log log) throws IOException {
        KafkaEndpoint endpoint = kafka.output().orElseThrow();
        KafkaTarget target = target(endpoint, tls(kafka));
        StageStats stage = stats.stage("output-kafka " + target.describe());
        KafkaOutput output = KafkaOutput.open(KafkaOutputConfig.of(target, format(endpoint)), stage, log);
        stats.detail(output.link());
        return new Sink(output, stage);
    }
}
