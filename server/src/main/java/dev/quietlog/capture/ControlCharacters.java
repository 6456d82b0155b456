package dev.quietlog.capture;

/**
 * Control characters (C0, DEL, C1) cannot belong in an identifier, an address or a person's
 * name: NUL cannot even be stored, and the rest corrupt logs, CSV files and screens. Tabs and line
 * breaks can come from a folded mail header, so names may allow them (as spaces).
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    public static boolean in(String s, boolean allowLineSpace) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.getType(c) == Character.CONTROL
                    && !(allowLineSpace && (c == '\t' || c == '\n' || c == '\r'))) {
                return true;
            }
        }
        return false;
    }
}
