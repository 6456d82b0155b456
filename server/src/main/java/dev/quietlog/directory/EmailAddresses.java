package dev.quietlog.directory;

import java.util.Locale;
import java.util.regex.Pattern;

/** The one notion of a well-formed email address used across the server. */
public final class EmailAddresses {
    public static final int MAX_LENGTH = 320;
    // Deliberately plain: a local part without spaces, separators, control or format characters
    // (NUL, newlines, bidi overrides: they cannot belong in an address and break storage or display)
    // or angle brackets, '@', and a dotted domain.
    private static final Pattern SHAPE =
            Pattern.compile("^[^\\s\\p{Cc}\\p{Cf}\\p{Z}@<>()\",;:]+@[a-z0-9-]+(\\.[a-z0-9-]+)+$");

    private EmailAddresses() {
    }

    /** Lower-cased and trimmed, or null when the input is not an address. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        return s.length() <= MAX_LENGTH && SHAPE.matcher(s).matches() ? s : null;
    }

    public static String domainOf(String normalised) {
        return normalised.substring(normalised.indexOf('@') + 1);
    }
}
