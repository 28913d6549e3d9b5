package io.baton.cli.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A block of labelled values, labels aligned: {@code Name:     nightly}. Used for the single-record views
 * ({@code job get}, {@code run get}, {@code cluster status}).
 */
public final class Fields {
    private final List<String[]> lines = new ArrayList<>();

    public Fields add(String label, Object value) {
        lines.add(new String[] {label, Table.cell(value)});
        return this;
    }

    public String render() {
        int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0) + 1;
        StringBuilder out = new StringBuilder();
        for (String[] l : lines) {
            out.append((l[0] + ":" + " ".repeat(width - l[0].length() + 1) + l[1]).stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
