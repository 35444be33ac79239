package org.textgan.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence files as the metrics read them: UTF-8, one sentence per line, tokens separated by whitespace
 * (PTB tokens joined by spaces). Tokenisation follows Python's {@code str.split()}: runs of whitespace
 * separate tokens, leading and trailing whitespace is ignored, and a blank line is an empty sentence.
 */
public final class Sentences {
    private Sentences() {
    }

    /**
     * Splits a line into tokens like Python's {@code str.split()} with no argument.
     *
     * @param line the line
     * @return its tokens (empty for a blank line)
     */
    public static List<String> tokenize(String line) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < line.length(); i++) {
            if (isSpace(line.charAt(i))) {
                if (start >= 0) {
                    tokens.add(line.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            tokens.add(line.substring(start));
        }
        return tokens;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /**
     * Reads a sentence file; every line (blank ones included) is one sentence.
     *
     * @param file the file
     * @return the tokenised sentences in file order
     * @throws IOException if the file cannot be read
     */
    public static List<List<String>> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<List<String>> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(tokenize(line));
        }
        return out;
    }

    /**
     * Writes sentences one per line, tokens joined by single spaces.
     *
     * @param file      the file to (over)write
     * @param sentences tokenised sentences
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, List<? extends List<String>> sentences) throws IOException {
        List<String> lines = new ArrayList<>(sentences.size());
        for (List<String> s : sentences) {
            lines.add(String.join(" ", s));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
