package org.textgan.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The block-size benchmark's harness at toy sizes (its numbers are in docs/benchmarks.md): one line per product and
 * block size, one block of all rows reproduces the all-rows product exactly, and a block size that does not divide the
 * rows or a count below 1 is refused by name.
 */
class GemmBlockBenchmarkTest {
    @Test
    void reportsEveryBlockSizeAndTheWholeBatchAgreesWithItself() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            GemmBlockBenchmark.main(new String[] {"8", "4", "1", "8,2"});
        } finally {
            System.setOut(stdout);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("H W, blocks of 8 rows (1 calls per product)"), lines.get(1));
        assertTrue(lines.get(1).endsWith("0 of 128 elements differ from one block of all rows"), lines.get(1));
        assertTrue(lines.get(3).startsWith("dG W^T, blocks of 8 rows"), lines.get(3));
        assertTrue(lines.get(3).endsWith("0 of 32 elements differ from one block of all rows"), lines.get(3));
        assertTrue(lines.get(4).startsWith("dG W^T, blocks of 2 rows (4 calls per product)"), lines.get(4));
    }

    @Test
    void badArgumentsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GemmBlockBenchmark.main(new String[] {"8", "4", "1", "3"}));
        assertEquals("block size 3 must divide rows (8)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GemmBlockBenchmark.main(new String[] {"8", "4", "0"}));
        assertEquals("steps must be at least 1, got 0", e.getMessage());
    }
}
