package org.textgan.generator.lstm;

import org.textgan.common.TokenIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Real English text for tests: the opening (about 36,000 characters) of Dickens' <i>The Old Curiosity Shop</i>, which
 * the build unpacks from Maven Central next to this class, split into sentences, with a char vocabulary built here
 * (ids from {@link TokenIds#FIRST_SYMBOL}, in code-point order).
 */
final class EnglishText {
    private EnglishText() {
    }

    static List<String> sentences() {
        String text;
        try (InputStream in = EnglishText.class.getResourceAsStream("dickens.txt")) {
            if (in == null) {
                throw new IllegalStateException("dickens.txt is missing from the test classpath: run the tests with Maven");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int start = text.indexOf("CHAPTER 1");
        text = text.substring(Math.max(0, start), text.indexOf("\n\n", Math.max(0, start) + 36_000));
        List<String> out = new ArrayList<>();
        for (String s : text.replaceAll("\\s+", " ").split("(?<=[.;:])\\s")) {
            String t = s.trim();
            if (t.length() >= 10) {
                out.add(t);
            }
        }
        return out;
    }

    /** @return the dataset: every 10th sentence validation, the rest training, sequences cut to 60 chars */
    static TokenSequences dataset() {
        List<String> s = sentences();
        TreeSet<Character> chars = new TreeSet<>();
        s.forEach(x -> x.chars().forEach(c -> chars.add((char) c)));
        List<Character> alphabet = new ArrayList<>(chars);
        List<int[]> train = new ArrayList<>();
        List<int[]> valid = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            String x = s.get(i).substring(0, Math.min(60, s.get(i).length()));
            int[] ids = x.chars().map(c -> TokenIds.FIRST_SYMBOL + alphabet.indexOf((char) c)).toArray();
            (i % 10 == 0 ? valid : train).add(ids);
        }
        return TokenSequences.of(TokenIds.FIRST_SYMBOL + alphabet.size(), train, valid, List.of());
    }
}
