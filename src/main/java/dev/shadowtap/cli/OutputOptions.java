package dev.shadowtap.cli;

import dev.shadowtap.pipeline.Address;

import java.util.List;

/**
 * The outputs named on the command line: {@code --output-stdout}, {@code --output-null},
 * {@code --output-file}, {@code --output-http}, {@code --output-tcp}, {@code --output-ws},
 * {@code --output-binary}. A Kafka output is {@link KafkaOptions#output()}.
 */
public record OutputOptions(boolean stdout, boolean discard, List<Address> files, List<Address> http,
                            List<Address> tcp, List<Address> ws, List<Address> binary) {
    public OutputOptions {
        files = List.copyOf(files);
        http = List.copyOf(http);
        binary = List.copyOf(binary);
        tcp = List.copyOf(tcp);
        ws = List.copyOf(ws);
    }
}
