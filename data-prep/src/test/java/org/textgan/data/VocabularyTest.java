package org.textgan.data;

import org.textgan.common.TokenIds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {
    private final Vocabulary vocab = new Vocabulary(new int[] {' ', 'a', 'b', 0xE9, 0x1F600}, new long[] {5, 4, 3, 2, 1});

    @Test
    void reservedIdsComeFirstAndCharactersFollowInOrder() {
        assertEquals(0, TokenIds.PAD);
        assertEquals(1, TokenIds.BOS);
        assertEquals(2, TokenIds.EOS);
        assertEquals(3, TokenIds.UNK);
        assertEquals(9, vocab.size());
        assertEquals(4, vocab.id(' '));
        assertEquals(8, vocab.id(0x1F600));
        assertEquals(0xE9, vocab.codePoint(7));
    }

    @Test
    void encodesByCodePointAndMapsUnknownToUnk() {
        String text = "ab \u00e9\uD83D\uDE00z";
        int[] ids = vocab.encode(text);
        assertArrayEquals(new int[] {5, 6, 4, 7, 8, TokenIds.UNK}, ids);
        assertEquals("ab \u00e9\uD83D\uDE00\uFFFD", vocab.decode(ids));
    }

    @Test
    void decodeSkipsPadBosEosAndRejectsOutOfRangeIds() {
        assertEquals("ab", vocab.decode(new int[] {TokenIds.BOS, 5, 6, TokenIds.EOS, TokenIds.PAD}));
        assertThrows(IllegalArgumentException.class, () -> vocab.decode(new int[] {9}));
    }

    @Test
    void jsonRoundTripKeepsIdsAndCounts(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("vocab.json");
        vocab.write(f);
        Vocabulary back = Vocabulary.read(f);
        assertEquals(vocab, back);
        assertEquals(2, back.count(7));
        assertArrayEquals(vocab.codePoints(), back.codePoints());
    }

    @Test
    void readingSomethingElseNamesTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("vocab.json");
        Files.writeString(f, "{\"hello\": 1}");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Vocabulary.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void rejectsUnsortedCharacters() {
        assertThrows(IllegalArgumentException.class, () -> new Vocabulary(new int[] {'b', 'a'}, new long[] {1, 1}));
    }
}
