package io.baton.cli.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text table with aligned, left-justified columns separated by two spaces. Cells are single-line: line
 * breaks and tabs inside a cell become spaces, so one row is always one line. Trailing blanks are trimmed.
 *
 * <pre>{@code
 * Table.of("NAME", "STATE").row("nightly", "active").render();
 * // NAME     STATE
 * // nightly  active
 * }</pre>
 */
public final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    public static Table of(String... headers) {
        return new Table(List.of(headers));
    }

    /** Adds a row; {@code null} cells show as {@code -}. Fewer cells than headers leave the rest empty. */
    public Table row(Object... cells) {
        if (cells.length > headers.size()) throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size() + " columns");
        rows.add(Arrays.stream(cells).map(Table::cell).toList());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) width[c] = headers.get(c).length();
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) width[c] = Math.max(width[c], row.get(c).length());
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, width);
        for (List<String> row : rows) line(out, row, width);
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            line.append(cells.get(c));
            if (c < width.length - 1) line.append(" ".repeat(width[c] - cells.get(c).length() + 2));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** One line of text: control characters become spaces. */
    static String cell(Object value) {
        if (value == null) return "-";
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            out.append(Character.isISOControl(ch) ? ' ' : ch);
        }
        return out.toString();
    }
}
