package dev.shadowtap.io.kafka;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SASL against the real broker's SASL_PLAINTEXT listener: each of GoReplay's mechanisms, and a refused login. */
@ExtendWith(KafkaBroker.class)
class KafkaSaslTest {
    @ParameterizedTest
    @EnumSource(KafkaSasl.Mechanism.class)
    void eachMechanismLogsInBothWays(KafkaSasl.Mechanism mechanism) throws Exception {
        String topic = KafkaBroker.newTopic(1);
        KafkaTarget target = new KafkaTarget(List.of(KafkaBroker.saslBootstrap()), topic,
                Optional.of(new KafkaSasl(mechanism, KafkaBroker.SASL_USER, KafkaBroker.SASL_PASSWORD)));
        List<Message> sent = KafkaRoundTripTest.recording(2, 2);
        StageStats out = new StageStats("o");
        try (KafkaOutput output = KafkaOutput.open(KafkaOutputConfig.of(target, KafkaFormat.RAW), out, Log.SILENT)) {
            for (Message m : sent) {
                output.write(m);
            }
        }
        assertThat(out.droppedTotal()).isZero();
        List<Message> read = new ArrayList<>();
        try (KafkaInput input = KafkaInput.open(new KafkaInputConfig(target, KafkaFormat.RAW, KafkaStart.OLDEST, 0,
                Duration.ofSeconds(20)), new StageStats("i"), Log.SILENT)) {
            while (read.size() < sent.size()) {
                read.add(input.read());
            }
        }
        assertThat(read).containsExactlyElementsOf(sent);
    }

    @Test
    void aWrongPasswordIsOneLineNamingTheFlag() {
        KafkaTarget target = new KafkaTarget(List.of(KafkaBroker.saslBootstrap()), "t",
                Optional.of(new KafkaSasl(KafkaSasl.Mechanism.SCRAM_SHA_512, KafkaBroker.SASL_USER, "wrong")));
        assertThatThrownBy(() -> KafkaOutput.open(KafkaOutputConfig.of(target, KafkaFormat.RAW), new StageStats("o"), Log.SILENT))
                .hasMessageStartingWith("--output-kafka-host " + KafkaBroker.saslBootstrap() + ": the broker refused the login: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> KafkaInput.open(new KafkaInputConfig(target, KafkaFormat.RAW, KafkaStart.OLDEST, 0,
                Duration.ofSeconds(10)), new StageStats("i"), Log.SILENT))
                .hasMessageStartingWith("--input-kafka-host " + KafkaBroker.saslBootstrap() + ": the broker refused the login: ")
                .hasMessageNotContaining("\n");
    }
}
