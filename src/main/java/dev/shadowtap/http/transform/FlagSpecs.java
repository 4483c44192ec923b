package dev.shadowtap.http.transform;

/** Splitting of GoReplay's {@code 'Name: value'} flag values, with one-line errors naming the flag. */
final class FlagSpecs {
    private FlagSpecs() {
    }

    /** {@code [before, after]} split at the first {@code sep}, or an error naming the flag and the expected form. */
    static String[] split(String spec, char sep, String flag, String example) {
        int at = spec.indexOf(sep);
        if (at < 0) {
            throw new IllegalArgumentException(flag + ": expected " + example + ", got '" + spec + "'");
        }
        return new String[] {spec.substring(0, at), spec.substring(at + 1)};
    }

    static String headerName(String name, String flag, String spec) {
        String n = name.strip();
        if (n.isEmpty()) {
            throw new IllegalArgumentException(flag + ": no header name in '" + spec + "'");
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                throw new IllegalArgumentException(flag + ": '" + n + "' is not a header name");
            }
        }
        return n;
    }
}
