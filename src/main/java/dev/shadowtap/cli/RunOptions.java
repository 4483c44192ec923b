package dev.shadowtap.cli;

/** Everything a GoReplay-style command line asks for, parsed and typed; immutable. */
public record RunOptions(InputOptions inputs, OutputOptions outputs, CaptureOptions capture, FileInOptions fileIn,
                         FileOutOptions fileOut, HttpOutOptions httpOut, TcpOptions tcp, WebSocketOptions webSocket,
                         KafkaOptions kafka, FilterOptions filters, RewriteOptions rewrites, SamplingOptions sampling,
                         PipelineOptions pipeline) {
}
