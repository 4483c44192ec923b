/**
 * {@code --input-raw}: passive capture joined end to end. {@link dev.shadowtap.io.raw.RawInput} opens
 * one {@code capture.Capture} (AF_PACKET, libpcap, a pcap/pcapng file or VXLAN; frames decoded in
 * place and selected behind that door) and runs it on a platform thread, reassembles TCP
 * ({@code tcp}, server ports = the captured ports) and hands the streams to {@code http.HttpPairing},
 * which frames HTTP/1.x per connection and direction and pairs responses with their requests by order
 * ({@link dev.shadowtap.io.raw.HttpStreams} is the glue). Messages reach the pipeline through a
 * bounded queue that a live capture never waits on.
 *
 * <p>Decisions: request ids are 24 hex digits (random 8-digit prefix per input, then a counter); a
 * message's timestamp is the capture time of its first packet; a response's latency is its timestamp
 * minus its request's; a 1xx interim response is a type-2 record of its own with the request's id; a
 * message cut by a gap is dropped and counted {@code incomplete} unless
 * {@code --input-raw-allow-incomplete}, which emits it marked {@code X-Shadowtap-Incomplete: gap|end};
 * a body over {@code --copy-buffer-size} is emitted truncated and counted {@code truncated}.
 * {@code ip:port} selects the interface holding that address; traffic to the port on the interface's
 * other addresses is captured too.
 */
package dev.shadowtap.io.raw;
