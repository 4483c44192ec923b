package dev.shadowtap.cli;

import dev.shadowtap.http.transform.HttpTransformConfig;

/**
 * Everything a GoReplay-style command line asks for, parsed and typed; immutable. {@code http} holds the
 * HTTP filters, rewrites and sampling, typed by the transform package that applies them;
 * {@code compare} the response comparison; {@code profiles} the JFR recordings of the run;
 * {@code observe} the dashboard and {@code --http-pprof}.
 */
public record RunOptions(InputOptions inputs, OutputOptions outputs, CaptureOptions capture, FileInOptions fileIn,
                         FileOutOptions fileOut, HttpOutOptions httpOut, BinaryOutOptions binaryOut, TcpOptions tcp,
                         WebSocketOptions webSocket,
                         KafkaOptions kafka, HttpTransformConfig http, RewriteOptions rewrites,
                         PipelineOptions pipeline, CompareOptions compare, ProfileOptions profiles,
                         ObserveOptions observe) {
}
