package dev.shadowtap.cli;

/** Turns one flag value into its typed form, or refuses it with what was expected. */
@FunctionalInterface
interface ValueParser<T> {
    T parse(String text) throws BadValueException;
}
