package dev.shadowtap.cli;

/** {@code --http-set-param name=value}: set this query parameter. */
public record ParamValue(String name, String value) {
}
