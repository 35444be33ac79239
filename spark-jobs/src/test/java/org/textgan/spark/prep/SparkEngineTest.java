package org.textgan.spark.prep;

import org.textgan.spark.SparkSessions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.data.Manifest;
import org.textgan.data.prep.BadInputPolicy;
import org.textgan.data.prep.LongSentencePolicy;
import org.textgan.data.prep.ParagraphMode;
import org.textgan.data.prep.PrepareException;
import org.textgan.data.prep.PrepareOptions;
import org.textgan.data.prep.PrepareResult;
import org.textgan.data.prep.Preparer;
import org.textgan.data.prep.SplitRatios;
import org.textgan.common.progress.ProgressListener;

class SparkEngineTest {
    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        spark = SparkSessions.getOrCreate("textgan-test", java.util.Optional.of("local[2]"), java.util.Map.of());
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static String prose(int seed, int paragraphs) {
        String[] who = {"The old man", "Little Nell", "The grandfather", "Kit", "Quilp", "The schoolmaster", "Mrs. Jarley"};
        String[] did = {"walked to", "looked back at", "spoke softly of", "waited beside", "hurried past", "remembered"};
        String[] what = {"the curiosity shop", "the church", "the river bank", "the wax-work show", "the open road"};
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < paragraphs; p++) {
            for (int s = 0; s < 5; s++) {
                int k = seed * 1000 + p * 5 + s;
                sb.append(who[k % who.length]).append(' ').append(did[(k / 2) % did.length]).append(' ')
                        .append(what[(k / 3) % what.length]).append(s % 2 == 0 ? ", and then\n" : " ")
                        .append("that was the end of day ").append(k).append(s == 2 ? "?\n" : ". ");
            }
            sb.append("Then a much longer sentence followed which rambled on about the weather and the road and the "
                    + "people met along the way for a good while.\n\n");
        }
        return sb.toString();
    }

    private PrepareOptions options(List<Path> inputs, Path out, BadInputPolicy bad) {
        return new PrepareOptions(inputs, out, false, false, 2, 48, LongSentencePolicy.SPLIT, bad,
                ParagraphMode.BLANK_LINES, SplitRatios.DEFAULT, 0L);
    }

    @Test
    void sparkDatasetIsByteIdenticalToLocalOnAMultiFileCorpus() throws Exception {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus.resolve("b/c"));
        Files.writeString(corpus.resolve("a.txt"), prose(1, 60));
        Files.writeString(corpus.resolve("b/b.txt"), prose(2, 45));
        Files.writeString(corpus.resolve("b/c/c.txt"), "\u00c9l\u00e8ve r\u00e9sum\u00e9. " + prose(3, 30));
        Files.writeString(corpus.resolve("b/empty.txt"), "");

        PrepareResult local = Preparer.local().prepare(options(List.of(corpus), tmp.resolve("local"), BadInputPolicy.ERROR));
        PrepareResult onSpark = new Preparer(new SparkEngine(spark), ProgressListener.NONE)
                .prepare(options(List.of(corpus), tmp.resolve("spark"), BadInputPolicy.ERROR));
        assertTrue(onSpark.engine().contains("local[2]"), onSpark.engine());

        List<String> names;
        try (Stream<Path> s = Files.list(tmp.resolve("local"))) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(11, names.size(), "manifest, vocab and 3 files per split: " + names);
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("local").resolve(name)),
                    Files.readAllBytes(tmp.resolve("spark").resolve(name)), name + " differs between local and Spark");
        }
        Manifest m = onSpark.manifest();
        assertTrue(m.sentences().reconciles() && m.characters().reconciles() && m.files().reconciles());
        assertTrue(m.sentencesSplit() > 0);
        assertEquals(1L, m.files().dropped().get("empty"));
    }

    @Test
    void badInputOnSparkIsTheSameClearErrorOrCountedSkip() throws Exception {
        Path in = tmp.resolve("bad.txt");
        byte[] good = prose(4, 20).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[good.length + 8];
        System.arraycopy(good, 0, bytes, 0, good.length);
        System.arraycopy("bad \u0000 x\n".getBytes(StandardCharsets.UTF_8), 0, bytes, good.length, 8);
        Files.write(in, bytes);
        Preparer sparkPreparer = new Preparer(new SparkEngine(spark), ProgressListener.NONE);
        PrepareException e = assertThrows(PrepareException.class,
                () -> sparkPreparer.prepare(options(List.of(in), tmp.resolve("x"), BadInputPolicy.ERROR)));
        assertTrue(e.getMessage().contains("byte offset " + (good.length + 4) + ": NUL byte"), e.getMessage());
        Manifest m = sparkPreparer.prepare(options(List.of(in), tmp.resolve("x"), BadInputPolicy.SKIP)).manifest();
        assertEquals(1L, m.lines().dropped().get("nul_byte"));
        assertTrue(m.lines().reconciles());
    }
}
