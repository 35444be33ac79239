package org.textgan.data.prep;

import org.textgan.common.TokenIds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.textgan.data.prep.CorpusFixtures.concat;
import static org.textgan.data.prep.CorpusFixtures.prose;
import static org.textgan.data.prep.CorpusFixtures.utf8;
import static org.textgan.data.prep.CorpusFixtures.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.data.Dataset;
import org.textgan.data.Manifest;
import org.textgan.common.Split;
import org.textgan.data.SplitData;
import org.textgan.data.Vocabulary;

class PreparerTest {
    @TempDir
    Path tmp;

    private PrepareResult prepare(PrepareOptions o) {
        return Preparer.local().prepare(o);
    }

    private static PrepareOptions with(PrepareOptions o, int maxLen, LongSentencePolicy policy, BadInputPolicy bad) {
        return new PrepareOptions(o.inputs(), o.out(), o.force(), o.lowercase(), o.minCharCount(), maxLen, policy, bad,
                o.paragraphs(), o.split(), o.splitSeed());
    }

    private static void assertReconciles(Manifest m) {
        assertTrue(m.files().reconciles(), m.files().toString());
        assertTrue(m.lines().reconciles(), m.lines().toString());
        assertTrue(m.sentences().reconciles(), m.sentences().toString());
        assertTrue(m.characters().reconciles(), m.characters().toString());
        long seqs = m.splits().values().stream().mapToLong(Manifest.SplitStats::sequences).sum();
        long chars = m.splits().values().stream().mapToLong(Manifest.SplitStats::characters).sum();
        assertEquals(m.characters().kept(), chars);
        assertTrue(seqs >= m.sentences().kept());
    }

    @Test
    void multiFileDirectoryGivesAConsistentDatasetThatLoadsBack() throws Exception {
        Path corpus = tmp.resolve("corpus");
        write(corpus.resolve("a.txt"), prose(0, 40));
        write(corpus.resolve("sub/b.txt"), prose(40, 40));
        write(corpus.resolve("sub/deeper/c.txt"), "\uFEFF" + prose(80, 20).replace("\n", "\r\n"));
        Path out = tmp.resolve("data");
        PrepareResult r = prepare(CorpusFixtures.options(List.of(corpus), out));
        Manifest m = r.manifest();
        assertReconciles(m);
        assertEquals(3, m.inputs().size());
        assertEquals(600, m.sentences().read(), "6 sentences per paragraph, 100 paragraphs");
        for (Manifest.Input in : m.inputs()) {
            assertEquals(Files.size(Path.of(in.path())), in.bytes());
            assertEquals(64, in.sha256().length());
        }
        Dataset d = Dataset.open(out);
        Vocabulary v = d.vocabulary();
        int total = 0;
        for (Split s : Split.values()) {
            SplitData sd = d.split(s);
            total += sd.size();
            assertEquals(m.splits().get(s.fileStem()).sequences(), sd.size());
            for (int i = 0; i < sd.size(); i++) {
                String text = sd.texts().get(i);
                assertTrue(text.codePointCount(0, text.length()) <= 64, text);
                assertArrayEquals(v.encode(text), sd.sequences().get(i));
                assertEquals(text.replace(" ", ""), sd.tokens().get(i).replace(" ", ""), "tokens cover the text exactly");
                assertFalse(text.contains("\uFEFF") || text.contains("\r") || text.contains("  "), text);
            }
        }
        assertEquals(600, total, "no sentence here is longer than 64 characters");
        assertTrue(d.split(Split.TRAIN).size() > d.split(Split.VALID).size());
        assertTrue(d.split(Split.TRAIN).tokens().contains("The old man walked slowly to the quiet shop on day 0 ."));
    }

    @Test
    void runsAreByteIdenticalAndDuplicatesNeverStraddleSplits() throws Exception {
        StringBuilder text = new StringBuilder(prose(0, 50));
        for (int i = 0; i < 30; i++) {
            text.append("\nThe same sentence comes back again.\n");
        }
        Path in = write(tmp.resolve("dup.txt"), text.toString());
        Path out1 = tmp.resolve("one");
        Path out2 = tmp.resolve("two");
        prepare(CorpusFixtures.options(List.of(in), out1));
        prepare(CorpusFixtures.options(List.of(in), out2));
        for (String f : List.of("manifest.json", "vocab.json", "train.ids", "train.txt", "train.tok", "valid.ids", "test.tok")) {
            assertArrayEquals(Files.readAllBytes(out1.resolve(f)), Files.readAllBytes(out2.resolve(f)), f);
        }
        Dataset d = Dataset.open(out1);
        Map<Split, Long> where = new HashMap<>();
        for (Split s : Split.values()) {
            long n = d.split(s).texts().stream().filter("The same sentence comes back again."::equals).count();
            if (n > 0) {
                where.put(s, n);
            }
        }
        assertEquals(1, where.size(), "duplicates in one split only: " + where);
        assertEquals(30L, where.values().iterator().next());
    }

    @Test
    void splitSeedChangesTheAssignment() throws Exception {
        Path in = write(tmp.resolve("c.txt"), prose(0, 60));
        PrepareOptions a = CorpusFixtures.options(List.of(in), tmp.resolve("a"));
        PrepareOptions b = new PrepareOptions(a.inputs(), tmp.resolve("b"), false, false, 5, 64, LongSentencePolicy.SPLIT,
                BadInputPolicy.ERROR, ParagraphMode.BLANK_LINES, SplitRatios.DEFAULT, 7L);
        prepare(a);
        prepare(b);
        assertFalse(Files.readString(tmp.resolve("a/test.txt")).equals(Files.readString(tmp.resolve("b/test.txt"))));
    }

    @Test
    void normalisesNfcWhitespaceAndOptionallyLowercases() throws Exception {
        String body = prose(0, 30) + "\nCaf\u0065\u0301 \t and\u00A0 T\u00c9A   were served.\n";
        Path in = write(tmp.resolve("n.txt"), body);
        PrepareOptions o = CorpusFixtures.options(List.of(in), tmp.resolve("lower"));
        PrepareOptions lower = new PrepareOptions(o.inputs(), o.out(), false, true, 1, 64, LongSentencePolicy.SPLIT,
                BadInputPolicy.ERROR, ParagraphMode.BLANK_LINES, SplitRatios.DEFAULT, 0L);
        prepare(lower);
        Dataset d = Dataset.open(tmp.resolve("lower"));
        List<String> all = Stream.of(Split.values()).flatMap(s -> d.split(s).texts().stream()).toList();
        assertTrue(all.contains("caf\u00e9 and t\u00e9a were served."), all.toString());
        assertTrue(all.stream().noneMatch(t -> !t.equals(t.toLowerCase(java.util.Locale.ROOT))));
    }

    @Test
    void longSentencesAreSplitAtWordBoundariesOrDroppedAndCounted() throws Exception {
        String longSentence = "This sentence goes on and on with many words so that it is certainly much longer than "
                + "thirty characters in total.";
        Path in = write(tmp.resolve("l.txt"), prose(0, 30) + "\n" + longSentence + "\n");
        PrepareOptions base = CorpusFixtures.options(List.of(in), tmp.resolve("split"));
        Manifest split = prepare(with(base, 40, LongSentencePolicy.SPLIT, BadInputPolicy.ERROR)).manifest();
        assertReconciles(split);
        assertTrue(split.sentencesSplit() >= 1);
        Dataset d = Dataset.open(tmp.resolve("split"));
        List<String> all = Stream.of(Split.values()).flatMap(s -> d.split(s).texts().stream()).toList();
        assertTrue(all.contains("This sentence goes on and on with many"), all.toString());
        assertTrue(all.stream().allMatch(t -> t.length() <= 40 && !t.startsWith(" ") && !t.endsWith(" ")));
        Manifest dropped = prepare(with(base.withOut(tmp.resolve("drop"), false), 40, LongSentencePolicy.DROP,
                BadInputPolicy.ERROR)).manifest();
        assertReconciles(dropped);
        assertEquals(split.sentencesSplit(), dropped.sentences().dropped().get("too_long"));
        assertEquals(dropped.sentences().read() - dropped.sentences().dropped().get("too_long"), dropped.sentences().kept());
    }

    @Test
    void rareCharactersMapToUnk() throws Exception {
        Path in = write(tmp.resolve("r.txt"), prose(0, 40) + "\nOne \u00a7 mark.\n");
        prepare(CorpusFixtures.options(List.of(in), tmp.resolve("d")));
        Dataset d = Dataset.open(tmp.resolve("d"));
        assertFalse(d.vocabulary().contains(0xA7));
        assertTrue(d.vocabulary().contains('e'));
        assertEquals(TokenIds.UNK, d.vocabulary().encode("\u00a7")[0]);
        long unk = d.manifest().splits().values().stream().mapToLong(Manifest.SplitStats::unknown).sum();
        assertTrue(unk >= 1);
        assertTrue(d.manifest().oovRate() > 0);
    }

    @Test
    void emptyFileIsACountedSkip() throws Exception {
        Path corpus = tmp.resolve("corpus");
        write(corpus.resolve("a.txt"), prose(0, 30));
        write(corpus.resolve("empty.txt"), "");
        Manifest m = prepare(CorpusFixtures.options(List.of(corpus), tmp.resolve("d"))).manifest();
        assertEquals(1L, m.files().dropped().get("empty"));
        assertEquals(1, m.files().kept());
        assertTrue(m.inputs().stream().anyMatch(i -> i.status().equals("empty") && i.bytes() == 0));
    }

    @Test
    void onlyEmptyInputIsAClearError() throws Exception {
        Path in = write(tmp.resolve("empty.txt"), "");
        PrepareException e = assertThrows(PrepareException.class,
                () -> prepare(CorpusFixtures.options(List.of(in), tmp.resolve("d"))));
        assertTrue(e.getMessage().contains("no sentences"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("d")));
    }

    @Test
    void binaryFileIsAnErrorNamingFileAndOffsetOrACountedSkip() throws Exception {
        Path corpus = tmp.resolve("corpus");
        write(corpus.resolve("a.txt"), prose(0, 30));
        Path bin = write(corpus.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        PrepareException e = assertThrows(PrepareException.class,
                () -> prepare(CorpusFixtures.options(List.of(corpus), tmp.resolve("d"))));
        assertTrue(e.getMessage().contains(bin.toString()) && e.getMessage().contains("binary file")
                && e.getMessage().contains("byte offset 8") && e.getMessage().contains("--on-bad-input skip"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("d")));
        PrepareOptions skip = with(CorpusFixtures.options(List.of(corpus), tmp.resolve("d")), 64, LongSentencePolicy.SPLIT,
                BadInputPolicy.SKIP);
        Manifest m = prepare(skip).manifest();
        assertReconciles(m);
        assertEquals(1L, m.files().dropped().get("binary"));
        assertEquals(180, m.sentences().kept());
    }

    @Test
    void invalidUtf8IsAnErrorWithLineAndByteOffsetOrASkippedCountedLine() throws Exception {
        byte[] bytes = concat(utf8("Hello there, world.\n"), utf8("Bad "), new byte[] {(byte) 0xFF}, utf8(" byte here.\n\n"),
                utf8(prose(0, 30)));
        Path in = write(tmp.resolve("bad.txt"), bytes);
        PrepareException e = assertThrows(PrepareException.class,
                () -> prepare(CorpusFixtures.options(List.of(in), tmp.resolve("d"))));
        assertTrue(e.getMessage().contains(in.toString() + ": line 2, byte offset 24: invalid UTF-8 (byte 0xFF)"), e.getMessage());
        PrepareOptions skip = with(CorpusFixtures.options(List.of(in), tmp.resolve("d")), 64, LongSentencePolicy.SPLIT,
                BadInputPolicy.SKIP);
        Manifest m = prepare(skip).manifest();
        assertReconciles(m);
        assertEquals(1L, m.lines().dropped().get("invalid_utf8"));
        assertEquals(m.lines().read() - 1, m.lines().kept());
        assertEquals(181, m.sentences().kept(), "the good line before the bad one survives on its own");
        Dataset d = Dataset.open(tmp.resolve("d"));
        assertTrue(Stream.of(Split.values()).flatMap(s -> d.split(s).texts().stream()).noneMatch(t -> t.contains("byte here")));
    }

    @Test
    void nulByteAfterTheBinaryProbeIsABadLine() throws Exception {
        String head = prose(0, 60);
        assertTrue(head.length() > CorpusReader.BINARY_PROBE);
        byte[] bytes = concat(utf8(head), utf8("\nA line with a "), new byte[] {0}, utf8(" in it.\n"));
        Path in = write(tmp.resolve("nul.txt"), bytes);
        long offset = utf8(head).length + "\nA line with a ".length();
        PrepareException e = assertThrows(PrepareException.class,
                () -> prepare(CorpusFixtures.options(List.of(in), tmp.resolve("d"))));
        assertTrue(e.getMessage().contains("byte offset " + offset + ": NUL byte"), e.getMessage());
        Manifest m = prepare(with(CorpusFixtures.options(List.of(in), tmp.resolve("d")), 64, LongSentencePolicy.SPLIT,
                BadInputPolicy.SKIP)).manifest();
        assertEquals(1L, m.lines().dropped().get("nul_byte"));
        assertReconciles(m);
    }

    @Test
    void oneMegabyteSingleLineOfProseIsSplitIntoSentences() throws Exception {
        StringBuilder sb = new StringBuilder(1 << 20);
        int i = 0;
        while (sb.length() < (1 << 20)) {
            sb.append("Sentence ").append(i++).append(" of the very long line is here. ");
        }
        Path in = write(tmp.resolve("long.txt"), sb.toString());
        Manifest m = prepare(CorpusFixtures.options(List.of(in), tmp.resolve("d"))).manifest();
        assertReconciles(m);
        assertEquals(1, m.lines().read());
        assertEquals(i, m.sentences().read());
        assertEquals(i, m.sentences().kept());
    }

    @Test
    void oneMegabyteWordIsDroppedAsUnsplittableAndCounted() throws Exception {
        String word = "a".repeat(1 << 20);
        Path in = write(tmp.resolve("word.txt"), prose(0, 30) + "\n" + word + "\n");
        Manifest m = prepare(CorpusFixtures.options(List.of(in), tmp.resolve("d"))).manifest();
        assertReconciles(m);
        assertEquals(1L, m.sentences().dropped().get("unsplittable"));
        assertEquals(1L << 20, m.characters().dropped().get("unsplittable"));
    }

    @Test
    void missingInputNamesThePathAndOption() {
        Path missing = tmp.resolve("nope.txt");
        PrepareException e = assertThrows(PrepareException.class,
                () -> prepare(CorpusFixtures.options(List.of(missing), tmp.resolve("d"))));
        assertTrue(e.getMessage().contains("--input") && e.getMessage().contains("nope.txt"), e.getMessage());
    }

    @Test
    void existingOutputNeedsForceAndIsReplacedAtomically() throws Exception {
        Path in = write(tmp.resolve("c.txt"), prose(0, 30));
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("precious.txt"), "keep me");
        PrepareException e = assertThrows(PrepareException.class,
                () -> prepare(CorpusFixtures.options(List.of(in), out)));
        assertTrue(e.getMessage().contains("--force") && e.getMessage().contains(out.toString()), e.getMessage());
        assertEquals("keep me", Files.readString(out.resolve("precious.txt")));
        prepare(CorpusFixtures.options(List.of(in), out).withOut(out, true));
        assertFalse(Files.exists(out.resolve("precious.txt")));
        assertTrue(Files.exists(out.resolve("manifest.json")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary directories left");
        }
    }

    @Test
    void emptyExistingOutputDirectoryIsFine() throws Exception {
        Path in = write(tmp.resolve("c.txt"), prose(0, 30));
        Path out = Files.createDirectories(tmp.resolve("out"));
        prepare(CorpusFixtures.options(List.of(in), out));
        assertTrue(Files.exists(out.resolve("vocab.json")));
    }

    @Test
    void linesModeTreatsEachLineAsAParagraph() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append("a caption without a final stop number ").append(i).append('\n');
        }
        Path in = write(tmp.resolve("captions.txt"), sb.toString());
        PrepareOptions o = CorpusFixtures.options(List.of(in), tmp.resolve("d"));
        PrepareOptions lines = new PrepareOptions(o.inputs(), o.out(), false, false, 5, 64, LongSentencePolicy.SPLIT,
                BadInputPolicy.ERROR, ParagraphMode.LINES, SplitRatios.DEFAULT, 0L);
        Manifest m = prepare(lines).manifest();
        assertEquals(200, m.sentences().read());
        assertEquals(0, m.sentencesSplit());
    }

    @Test
    void outputInsideTheInputDirectoryIsNotReadBack() throws Exception {
        Path corpus = tmp.resolve("corpus");
        write(corpus.resolve("a.txt"), prose(0, 30));
        Path out = corpus.resolve("data");
        Manifest first = prepare(CorpusFixtures.options(List.of(corpus), out)).manifest();
        Manifest second = prepare(CorpusFixtures.options(List.of(corpus), out).withOut(out, true)).manifest();
        assertEquals(1, second.inputs().size(), second.inputs().toString());
        assertEquals(first.sentences().read(), second.sentences().read());
    }
}
