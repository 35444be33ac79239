package org.textgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsRandomSequencesWithShortIds() throws Exception {
        Random rnd = new Random(42);
        List<int[]> seqs = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int[] s = new int[rnd.nextInt(65)];
            for (int j = 0; j < s.length; j++) {
                s[j] = rnd.nextInt(60000);
            }
            seqs.add(s);
        }
        Path f = dir.resolve("x.ids");
        SequenceFile.write(f, seqs, 60000);
        List<int[]> back = SequenceFile.read(f);
        assertEquals(seqs.size(), back.size());
        for (int i = 0; i < seqs.size(); i++) {
            assertArrayEquals(seqs.get(i), back.get(i), "sequence " + i);
        }
        long total = seqs.stream().mapToLong(s -> s.length).sum();
        assertEquals(20 + 4L * seqs.size() + 2 * total, Files.size(f));
    }

    @Test
    void headerIsLittleEndianAsDocumented() throws Exception {
        Path f = dir.resolve("x.ids");
        SequenceFile.write(f, List.of(new int[] {4, 5, 6}, new int[] {7}), 100);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("TGSQ", new String(Arrays.copyOf(b.array(), 4), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, b.getShort(4));
        assertEquals(2, b.getShort(6));
        assertEquals(2, b.getInt(8));
        assertEquals(4L, b.getLong(12));
        assertEquals(3, b.getInt(20));
        assertEquals(1, b.getInt(24));
        assertEquals(4, b.getShort(28));
        assertEquals(7, b.getShort(34));
    }

    @Test
    void wideIdsForLargeVocabularies() throws Exception {
        Path f = dir.resolve("x.ids");
        SequenceFile.write(f, List.of(new int[] {70000, 3}), 70001);
        assertArrayEquals(new int[] {70000, 3}, SequenceFile.read(f).get(0));
    }

    @Test
    void truncatedFileIsAClearError() throws Exception {
        Path f = dir.resolve("x.ids");
        SequenceFile.write(f, List.of(new int[] {4, 5, 6}), 10);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 1));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> SequenceFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void badMagicIsAClearError() throws Exception {
        Path f = dir.resolve("x.ids");
        Files.writeString(f, "hello world, this is not it");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> SequenceFile.read(f));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }
}
