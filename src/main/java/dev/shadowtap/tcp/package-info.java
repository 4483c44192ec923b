/**
 * TCP reassembly: decoded {@link dev.shadowtap.tcp.Segment}s in, ordered byte streams out to a
 * {@link dev.shadowtap.tcp.StreamListener}, both directions of a connection tied together as one
 * {@link dev.shadowtap.tcp.TcpConnection}. Every byte not delivered is counted by reason in
 * {@link dev.shadowtap.tcp.TcpStats}. One {@link dev.shadowtap.tcp.TcpReassembler} per shard and
 * thread, shards chosen by {@link dev.shadowtap.tcp.ConnectionHash}. Knows nothing of HTTP.
 */
package dev.shadowtap.tcp;
