package dev.quietlog.web;

import java.util.List;

/**
 * CSV for spreadsheets. Email content is hostile: a cell that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe, so it
 * is shown as text; every cell is quoted.
 */
public final class Csv {
    private final StringBuilder out = new StringBuilder();

    public Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    public Csv row(Object... cells) {
        return row(java.util.Arrays.asList(cells)); // not List.of: an empty value (null) is an empty cell
    }

    static String cell(Object value) {
        String s = value == null ? "" : value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !(value instanceof Number)) {
            s = "'" + s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
