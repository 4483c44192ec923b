package dev.shadowtap.cli;

/** {@code --input-raw-protocol}: {@code http} (framed as HTTP/1.x) or {@code binary}. */
public enum CaptureProtocol {
    HTTP, BINARY;

    public static CaptureProtocol parse(String text) throws BadValueException {
        return switch (text) {
            case "http" -> HTTP;
            case "binary" -> BINARY;
            default -> throw new BadValueException("http or binary");
        };
    }
}
