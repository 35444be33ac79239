package org.textgan.experiments.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CSV table read with RFC 4180 rules: comma separated, fields optionally enclosed in double quotes, a doubled quote
 * inside a quoted field is a literal quote, quoted fields may contain commas and line breaks, records end with CRLF or
 * LF. The first record is the header. Short records are padded with empty fields.
 *
 * @param header column names
 * @param rows records after the header, each as long as the header
 */
public record CsvTable(List<String> header, List<List<String>> rows) {

    /** Copies the lists. */
    public CsvTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /**
     * Reads a UTF-8 CSV file.
     *
     * @param file the file
     * @return the table
     * @throws IOException on read failure or malformed quoting
     */
    public static CsvTable read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses CSV text.
     *
     * @param text the text
     * @return the table (empty header for empty text)
     * @throws IllegalArgumentException on an unterminated quoted field or a quote inside an unquoted field
     */
    public static CsvTable parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            i = 1;
        }
        boolean fieldStarted = false;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty() && !fieldStarted) {
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        throw new IllegalArgumentException("unterminated quoted field in record " + (records.size() + 1));
                    }
                    char q = text.charAt(j);
                    if (q == '"') {
                        if (j + 1 < n && text.charAt(j + 1) == '"') {
                            field.append('"');
                            j += 2;
                            continue;
                        }
                        j++;
                        break;
                    }
                    field.append(q);
                    j++;
                }
                fieldStarted = true;
                i = j;
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    throw new IllegalArgumentException("text after closing quote in record " + (records.size() + 1));
                }
                continue;
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                i++;
            } else if (c == '\r' || c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                records.add(record);
                record = new ArrayList<>();
                i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
            } else {
                if (c == '"') {
                    throw new IllegalArgumentException("quote inside unquoted field in record " + (records.size() + 1));
                }
                field.append(c);
                fieldStarted = true;
                i++;
            }
        }
        if (fieldStarted || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        records.removeIf(r -> r.size() == 1 && r.get(0).isEmpty());
        if (records.isEmpty()) {
            return new CsvTable(List.of(), List.of());
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            List<String> padded = new ArrayList<>(r);
            while (padded.size() < header.size()) {
                padded.add("");
            }
            rows.add(padded.subList(0, Math.max(header.size(), 0)));
        }
        return new CsvTable(header, rows);
    }

    /**
     * @param name a column name
     * @return its index, or -1
     */
    public int column(String name) {
        return header.indexOf(name);
    }

    /**
     * @param row a row index
     * @param name a column name
     * @return the field, empty if the column is absent or the field is empty
     */
    public Optional<String> get(int row, String name) {
        int c = column(name);
        if (c < 0) {
            return Optional.empty();
        }
        String v = rows.get(row).get(c).strip();
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }
}
