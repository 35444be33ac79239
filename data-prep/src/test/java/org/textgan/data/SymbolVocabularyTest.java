package org.textgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.textgan.common.TokenIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolVocabularyTest {
    private static Vocabulary symbols(int n) {
        String[] s = new String[n];
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = "s" + i;
            c[i] = i;
        }
        return Vocabulary.ofSymbols(s, c);
    }

    @Test
    void symbolsGetIdsFromFourInOrderAndTextIsSpaceSeparated() {
        Vocabulary v = symbols(20);
        assertTrue(v.isSymbols());
        assertEquals(24, v.size());
        assertEquals("s0", v.token(4));
        assertEquals("s17", v.token(21));
        assertArrayEquals(new int[] {21, 4, TokenIds.UNK, 5}, v.encode("s17 s0 s99 s1"));
        assertEquals("s17 s0 <unk> s1", v.decode(new int[] {TokenIds.BOS, 21, 4, TokenIds.UNK, 5, TokenIds.EOS}));
        assertEquals(0, v.encode("").length);
        assertEquals(TokenIds.UNK, v.id('s'));
        assertThrows(IllegalStateException.class, v::codePoints);
        assertThrows(IllegalArgumentException.class, () -> v.token(24));
    }

    @Test
    void badSymbolsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.ofSymbols(new String[] {"a", "a"}, new long[2]));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.ofSymbols(new String[] {"a b"}, new long[1]));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.ofSymbols(new String[] {""}, new long[1]));
    }

    /** A 10,000-symbol vocabulary and a dataset split encoded with it survive writing and reading back. */
    @Test
    void tenThousandSymbolsRoundTripThroughVocabJsonAndIdsFiles(@TempDir Path dir) throws Exception {
        Vocabulary v = symbols(10_000);
        Path f = dir.resolve("vocab.json");
        v.write(f);
        Vocabulary back = Vocabulary.read(f);
        assertEquals(v, back);
        assertTrue(back.isSymbols());
        assertEquals(10_004, back.size());
        assertEquals(9_999, back.count(10_003));
        assertNotEquals(v, new Vocabulary(new int[] {'a'}, new long[] {1}));
        List<int[]> seqs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int[] s = new int[40];
            for (int t = 0; t < s.length; t++) {
                s[t] = 4 + (i * 7919 + t * 104_729) % 10_000;
            }
            seqs.add(s);
        }
        Path ids = dir.resolve("train.ids");
        SequenceFile.write(ids, seqs, back.size());
        List<int[]> read = SequenceFile.read(ids);
        assertEquals(seqs.size(), read.size());
        for (int i = 0; i < seqs.size(); i++) {
            assertArrayEquals(seqs.get(i), read.get(i));
            assertArrayEquals(seqs.get(i), back.encode(back.decode(read.get(i))));
        }
        assertFalse(Files.readString(f).contains("\"characters\""));
    }

    @Test
    void aSymbolFileWithADuplicateNamesTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("vocab.json");
        Files.writeString(f, "{\"format\":\"textgan-vocab\",\"kind\":\"symbols\",\"symbols\":[\"s1\",\"s1\"],\"counts\":[1,2]}");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Vocabulary.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("twice"), e.getMessage());
    }
}
