package dev.shadowtap.cli;

/** The headings of {@code --help}, in the order they are printed. */
public enum Section {
    RAW_CAPTURE("Inputs: live capture"),
    FILE_IN("Inputs: .gor files"),
    TCP_IN("Inputs: TCP (from another instance)"),
    KAFKA_IN("Inputs: Kafka"),
    TEST_IN("Inputs: testing"),
    FILE_OUT("Outputs: .gor files"),
    HTTP_OUT("Outputs: HTTP replay"),
    BINARY_OUT("Outputs: binary replay (protocols other than HTTP)"),
    TCP_OUT("Outputs: TCP (to another instance)"),
    WS_OUT("Outputs: WebSocket"),
    KAFKA_OUT("Outputs: Kafka"),
    KAFKA_TLS("Inputs and outputs: Kafka TLS"),
    CONSOLE_OUT("Outputs: console and testing"),
    FILTERS("Filters"),
    REWRITES("Rewrites"),
    SAMPLING("Sampling"),
    COMPARE("Comparison"),
    PIPELINE("Pipeline"),
    MONITORING("Monitoring"),
    HELP("Help");

    private final String heading;

    Section(String heading) {
        this.heading = heading;
    }

    public String heading() {
        return heading;
    }
}
