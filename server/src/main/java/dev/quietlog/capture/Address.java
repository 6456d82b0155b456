package dev.quietlog.capture;

/** An email participant: a lower-cased address and the display name, if any. */
public record Address(String email, String name) {
}
