package dev.shadowtap.io.http;

import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.SettingsFrame;
import org.eclipse.jetty.util.Callback;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HTTP/2 connection of the replay and the streams it carries: how many it may carry at once (the
 * target's SETTINGS_MAX_CONCURRENT_STREAMS, 100 until its SETTINGS arrive, as RFC 9113 recommends at
 * least), how many it does, and whether it still takes new ones. {@link H2Workers} guards
 * {@code active} with its lock; Jetty calls the listener methods.
 */
final class H2Session implements Session.Listener {
    static final int STREAMS_BEFORE_SETTINGS = 100;

    /** Told when the target's SETTINGS change the limit or the connection ends. */
    interface Events {
        void changed(H2Session session);

        void ended(H2Session session, String why);
    }

    private final Events events;
    final Set<H2Exchange> exchanges = ConcurrentHashMap.newKeySet();
    volatile Session session;
    volatile int maxStreams = STREAMS_BEFORE_SETTINGS;
    volatile boolean closed;
    /** The target's first SETTINGS arrived: its stream limit is known. */
    volatile boolean settled;
    /** The last stream the target's GOAWAY says it processed, {@code Integer.MAX_VALUE} before one came. */
    volatile int goAwayLastStream = Integer.MAX_VALUE;
    /** Streams started on it and not ended (guarded by the workers' lock). */
    int active;

    H2Session(Events events) {
        this.events = events;
    }

    boolean hasRoom() {
        return !closed && settled && session != null && active < maxStreams;
    }

    @Override
    public void onSettings(Session s, SettingsFrame frame) {
        Integer max = frame.getSettings().get(SettingsFrame.MAX_CONCURRENT_STREAMS);
        if (max != null) {
            maxStreams = Math.max(0, max);
        }
        settled = true;
        events.changed(this);
    }

    @Override
    public void onGoAway(Session s, GoAwayFrame frame) {
        // no new streams; the ones it took still get their answers, those past its last one go again
        goAwayLastStream = frame.getLastStreamId();
        closed = true;
        events.changed(this);
    }

    @Override
    public void onClose(Session s, GoAwayFrame frame, Callback callback) {
        closed = true;
        events.ended(this, "connection closed before the response ended");
        callback.succeeded();
    }

    @Override
    public void onFailure(Session s, Throwable failure, Callback callback) {
        closed = true;
        events.ended(this, String.valueOf(failure.getMessage()));
        callback.succeeded();
    }

    @Override
    public boolean onIdleTimeout(Session s) {
        return exchanges.isEmpty();
    }
}
