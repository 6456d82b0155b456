package dev.quietlog.capture;

/** An event field that fails validation; the message names the field by its JSON path. */
final class InvalidField extends RuntimeException {
    InvalidField(String path, String problem) {
        super(path + ": " + problem, null, false, false);
    }
}
