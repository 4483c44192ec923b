package dev.shadowtap.http;

/**
 * Shared strings for header names that most heads carry, so parsing a head does not allocate a new
 * string for each of them. A name is shared only when its bytes match exactly (case included).
 */
final class HeaderNames {
    private static final String[] COMMON = {
        "Server", "Date", "Content-Type", "Content-Length", "Connection", "Transfer-Encoding", "Keep-Alive",
        "Location", "Cache-Control", "Expires", "Last-Modified", "ETag", "Accept-Ranges", "Vary", "Set-Cookie",
        "Content-Encoding", "Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Cookie",
        "content-type", "content-length", "connection", "date", "server", "transfer-encoding", "host",
    };

    private HeaderNames() {
    }

    /** The name in {@code b[from, to)}: a shared string when it is a common one, else a new ISO-8859-1 string. */
    static String name(byte[] b, int from, int to) {
        int len = to - from;
        for (String c : COMMON) {
            if (c.length() == len && matches(c, b, from)) {
                return c;
            }
        }
        return HttpText.latin1(b, from, to);
    }

    private static boolean matches(String c, byte[] b, int from) {
        for (int i = 0; i < c.length(); i++) {
            if (c.charAt(i) != (char) (b[from + i] & 0xff)) {
                return false;
            }
        }
        return true;
    }
}
