package dev.shadowtap.http.transform;

/**
 * Finds a query parameter in a request target, raw (no percent-decoding, names case-sensitive):
 * the first {@code name=value} pair after the '?' whose name is exactly {@code name}. A pair without
 * '=' has no value and does not count, as in GoReplay.
 *
 * @param valueStart index in the target of the value's first char, or -1 when absent
 * @param valueEnd   index just after the value
 */
record QueryParam(int valueStart, int valueEnd) {
    static final QueryParam ABSENT = new QueryParam(-1, -1);

    boolean present() {
        return valueStart >= 0;
    }

    static QueryParam find(String target, String name) {
        int q = target.indexOf('?');
        if (q < 0) {
            return ABSENT;
        }
        int end = target.indexOf('#', q);
        if (end < 0) {
            end = target.length();
        }
        int pos = q + 1;
        while (pos <= end) {
            int amp = target.indexOf('&', pos);
            int pairEnd = amp < 0 || amp > end ? end : amp;
            int nameEnd = pos + name.length();
            if (nameEnd < pairEnd && target.charAt(nameEnd) == '=' && target.startsWith(name, pos)) {
                return new QueryParam(nameEnd + 1, pairEnd);
            }
            pos = pairEnd + 1;
        }
        return ABSENT;
    }
}
