package dev.shadowtap.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A listener that writes down everything: one event line per call, and per connection and direction
 * the delivered text with gaps shown as {@code <gap N>}. Also checks the contract: no call for a
 * connection that was not opened or is already closed, no data after the direction's end.
 */
final class Recorder implements StreamListener {
    final List<String> events = new ArrayList<>();
    final Map<Long, StringBuilder[]> streams = new LinkedHashMap<>();
    final Map<Long, TcpConnection> connections = new LinkedHashMap<>();
    final Map<Long, CloseReason> closed = new LinkedHashMap<>();

    @Override
    public void onOpen(TcpConnection c) {
        check(!streams.containsKey(c.id()), "opened twice: " + c);
        streams.put(c.id(), new StringBuilder[] {new StringBuilder(), new StringBuilder()});
        connections.put(c.id(), c);
        events.add("open" + (c.midstream() ? " midstream" : ""));
    }

    @Override
    public void onData(TcpConnection c, Direction d, byte[] b, int off, int len, long ts) {
        live(c);
        check(!c.ended(d), "data after end on " + d);
        check(len > 0, "empty data");
        String text = new String(b, off, len, StandardCharsets.ISO_8859_1);
        stream(c, d).append(text);
        events.add(tag(d) + " " + text);
    }

    @Override
    public void onGap(TcpConnection c, Direction d, long length) {
        live(c);
        check(length > 0, "empty gap");
        stream(c, d).append("<gap ").append(length).append('>');
        events.add(tag(d) + " gap " + length);
    }

    @Override
    public void onEnd(TcpConnection c, Direction d) {
        live(c);
        events.add(tag(d) + " end");
    }

    @Override
    public void onClose(TcpConnection c, CloseReason reason) {
        live(c);
        closed.put(c.id(), reason);
        events.add("close " + reason);
    }

    StringBuilder stream(TcpConnection c, Direction d) {
        return streams.get(c.id())[d.ordinal()];
    }

    /** The only connection's stream in one direction. */
    String stream(Direction d) {
        check(streams.size() == 1, "expected one connection, saw " + streams.size());
        return streams.values().iterator().next()[d.ordinal()].toString();
    }

    private void live(TcpConnection c) {
        check(streams.containsKey(c.id()), "event for a connection never opened: " + c);
        check(!closed.containsKey(c.id()), "event after close: " + c);
    }

    private static String tag(Direction d) {
        return d == Direction.FROM_CLIENT ? "C" : "S";
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new AssertionError(problem);
        }
    }
}
