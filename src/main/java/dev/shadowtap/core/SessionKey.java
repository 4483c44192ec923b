package dev.shadowtap.core;

/**
 * Which recorded client connection (a session) a record belongs to, read from its id, for
 * {@code --recognize-tcp-sessions}:
 * <ul>
 *   <li>24 hex digits (GoReplay 1.3 and later, shadowtap's captures): the first 16 are the client's
 *       port, the server's port and the client's address; they are the session. shadowtap's ids from
 *       before it used this layout have zeros where the address goes (no client is 0.0.0.0): they
 *       carry no connection.</li>
 *   <li>40 hex digits (GoReplay 1.0 to 1.2: a hash of the connection's two addresses, the same for
 *       every message of the connection): the whole id.</li>
 *   <li>anything else carries no connection: each id is a session of its own.</li>
 * </ul>
 */
public final class SessionKey {
    private SessionKey() {
    }

    /** The session of the record with this id. */
    public static String of(String id) {
        return id.length() == 24 && carriesConnection(id) ? id.substring(0, 16) : id;
    }

    /** Whether ids of this form name the connection their record travelled on. */
    public static boolean carriesConnection(String id) {
        if (id.length() == 40) {
            return isHex(id, 0, 40);
        }
        return id.length() == 24 && isHex(id, 0, 24) && !id.regionMatches(8, "00000000", 0, 8);
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
