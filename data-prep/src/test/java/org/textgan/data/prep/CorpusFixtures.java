package org.textgan.data.prep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds small real corpora on disk for tests. */
final class CorpusFixtures {
    private static final String[] SUBJECTS = {"The old man", "A small child", "The shopkeeper", "Her brother", "The dog",
        "My friend", "The stranger", "Our neighbour"};
    private static final String[] VERBS = {"walked slowly to", "looked at", "spoke of", "thought about", "ran past",
        "returned to", "dreamed of"};
    private static final String[] OBJECTS = {"the quiet shop", "the river", "a dark street", "the church", "the market",
        "an open window", "the old house", "the garden gate"};

    private CorpusFixtures() {
    }

    /** @return paragraph {@code p} of varied, deterministic English prose with sentences wrapped over lines */
    static String paragraph(int p) {
        StringBuilder sb = new StringBuilder();
        int col = 0;
        for (int s = 0; s < 6; s++) {
            int k = p * 6 + s;
            String sentence = SUBJECTS[k % SUBJECTS.length] + " " + VERBS[(k / 3) % VERBS.length] + " "
                    + OBJECTS[(k / 7) % OBJECTS.length] + " on day " + k + ".";
            for (String w : sentence.split(" ")) {
                if (col + w.length() > 60) {
                    sb.append('\n');
                    col = 0;
                } else if (col > 0) {
                    sb.append(' ');
                    col++;
                }
                sb.append(w);
                col += w.length();
            }
        }
        return sb.append('\n').toString();
    }

    /** @return {@code n} paragraphs starting at {@code from}, separated by blank lines */
    static String prose(int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int p = from; p < from + n; p++) {
            if (p > from) {
                sb.append('\n');
            }
            sb.append(paragraph(p));
        }
        return sb.toString();
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static PrepareOptions options(List<Path> inputs, Path out) {
        return PrepareOptions.defaults(inputs, out);
    }
}
