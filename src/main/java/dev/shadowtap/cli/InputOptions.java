package dev.shadowtap.cli;

import dev.shadowtap.pipeline.Address;

import java.util.List;

/**
 * The inputs named on the command line, in order: {@code --input-raw}, {@code --input-file},
 * {@code --input-tcp} and one entry per {@code --input-dummy}. A Kafka input is
 * {@link KafkaOptions#input()} (present when {@code --input-kafka-host} is given).
 */
public record InputOptions(List<Address> raw, List<Address> files, List<Address> tcp, int dummies) {
    public InputOptions {
        raw = List.copyOf(raw);
        files = List.copyOf(files);
        tcp = List.copyOf(tcp);
    }
}
