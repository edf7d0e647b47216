package dev.llmgateway.router.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A plain-text table with aligned columns for the admin commands: a header row, two spaces between
 * columns, numeric columns right-aligned, no trailing spaces. Empty cells show as {@code -}.
 */
final class Table {

    private static final Pattern NUMERIC = Pattern.compile("-|-?[0-9][0-9.]*( ?ms| s)?");

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    static Table of(String... headers) {
        return new Table(List.of(headers));
    }

    /** Adds a row; missing cells are empty, {@code null} and blank cells show as {@code -}. */
    Table row(Object... cells) {
        if (cells.length > headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells for " + headers.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            Object c = i < cells.length ? cells[i] : null;
            String s = c == null ? "" : c.toString().replace('\n', ' ');
            row.add(s.isBlank() ? "-" : s);
        }
        rows.add(row);
        return this;
    }

    String render() {
        int n = headers.size();
        int[] width = new int[n];
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) {
            width[i] = length(headers.get(i));
            right[i] = !rows.isEmpty();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], length(r.get(i)));
                right[i] &= NUMERIC.matcher(r.get(i)).matches();
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width, right);
        for (List<String> r : rows) {
            line(sb, r, width, right);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width, boolean[] right) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - length(c));
            if (i > 0) {
                line.append("  ");
            }
            line.append(right[i] ? pad + c : c + pad);
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
