package org.textgan.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The app tests' harness: one in-process {@code textgan} invocation with its exit code and captured output.
 *
 * @param code the exit code
 * @param out  what it printed on stdout
 * @param err  what it printed on stderr
 */
record Run(int code, String out, String err) {
    /**
     * @param args the command line
     * @return the invocation's exit code and output
     */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TextganCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * @param args the command line
     * @return the invocation, asserted to exit with 0 (the message shows its output)
     */
    static Run ok(String... args) {
        Run r = run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.err() + r.out());
        return r;
    }

    /**
     * Asserts a usage error: exit code {@link TextganCommand#EXIT_USAGE}, one line on stderr, containing every fragment.
     *
     * @param r         the invocation
     * @param fragments what the line must contain
     */
    static void usageError(Run r, String... fragments) {
        assertEquals(TextganCommand.EXIT_USAGE, r.code(), r.err() + r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "expected '" + f + "' in: " + r.err());
        }
    }

    /**
     * Writes the opening of the built-in corpus, up to the first paragraph end after {@code chars} characters.
     *
     * @param file  the file to write
     * @param chars about how many characters
     * @return the file
     * @throws IOException if it cannot be written
     */
    static Path corpusOpening(Path file, int chars) throws IOException {
        String text;
        try (InputStream in = Run.class.getResourceAsStream(DefaultCorpus.RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(file, text.substring(0, text.indexOf("\n\n", chars)), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Prepares a tiny dataset with {@code textgan prepare} ({@code --max-len 24 --min-char-count 2}) from the opening of
     * the built-in corpus ({@link #corpusOpening}).
     *
     * @param dir   a scratch directory: gets {@code corpus.txt} and the dataset {@code data}
     * @param chars about how many characters of the corpus
     * @return the dataset directory
     * @throws IOException if the corpus cannot be written
     */
    static Path tinyDataset(Path dir, int chars) throws IOException {
        Path corpus = corpusOpening(dir.resolve("corpus.txt"), chars);
        Path data = dir.resolve("data");
        ok("prepare", "--quiet", "--input", corpus.toString(), "--out", data.toString(), "--max-len", "24",
                "--min-char-count", "2");
        return data;
    }
}
