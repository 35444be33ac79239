package org.textgan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged tensor file (model parameters, optimiser state) fails with its path and what is wrong, never with a bare
 * {@code EOFException}, and leaves the model unchanged.
 */
class CorruptTensorFileTest {

    private static ParameterSet model(int bCols) {
        Parameter a = Parameter.zeros("a", Precision.FLOAT32, 3, 4);
        Parameter b = Parameter.zeros("b", Precision.FLOAT32, 1, bCols);
        for (int i = 0; i < a.value().size(); i++) {
            a.value().set(i, i + 1);
        }
        return new ParameterSet(List.of(a, b));
    }

    /** The file size: magic 8 + count 4 + per tensor (2 + name + 4 + 4 + 1 + 4 values). */
    private static final long SIZE = 8 + 4 + (2 + 1 + 9 + 4 * 12) + (2 + 1 + 9 + 4 * 5);

    @Test
    void truncatedParamsNameThePathAndExpectedAgainstFoundBytes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("generator.params");
        model(5).save(f);
        assertEquals(SIZE, Files.size(f), "format as documented");
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, 70));
        ParameterSet target = model(5);
        target.get("a").value().set(0, -7);
        IOException e = assertThrows(IOException.class, () -> target.load(f));
        // the file ends inside tensor 'a': its 12 values start at byte 8 + 4 + 12 = 24, so 72 bytes are needed
        assertEquals(f + ": truncated: expected at least 72 bytes, found 70 (the file ends inside the 12 values of "
                + "tensor 'a')", e.getMessage());
        assertEquals(-7, target.get("a").value().get(0), "nothing was copied from the bad file");
        Files.write(f, Arrays.copyOf(all, 5));
        IOException head = assertThrows(IOException.class, () -> target.load(f));
        assertTrue(head.getMessage().contains("truncated: expected at least 8 bytes, found 5"), head.getMessage());
    }

    @Test
    void wrongMagicSaysWhatWasFound(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("adam-generator.state");
        Files.writeString(f, "{\"json\": \"not a tensor file\"}");
        IOException e = assertThrows(IOException.class, () -> model(5).load(f));
        assertEquals(f + ": not a textgan tensor file: wrong magic (expected \"TGPARAM1\", found \"{\"json\":\")",
                e.getMessage());
    }

    @Test
    void shapeThatDoesNotMatchTheConfigIsNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("discriminator.params");
        model(5).save(f);
        IOException e = assertThrows(IOException.class, () -> model(6).load(f));
        assertEquals(f + ": tensor 'b' is 1x5 in the file, the model's config expects 1x6 (a file of another model "
                + "size?)", e.getMessage());
    }

    @Test
    void trailingBytesAndMissingFilesAreErrors(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("generator.params");
        model(5).save(f);
        Files.write(f, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        IOException e = assertThrows(IOException.class, () -> model(5).load(f));
        assertEquals(f + ": 3 bytes after the last tensor: expected " + SIZE + " bytes, found " + (SIZE + 3)
                + " (not a file this version wrote)", e.getMessage());
        Path missing = dir.resolve("nope.params");
        assertEquals(missing + ": missing tensor file",
                assertThrows(IOException.class, () -> model(5).load(missing)).getMessage());
    }

    @Test
    void adamStateGoesThroughTheSameChecks(@TempDir Path dir) throws IOException {
        ParameterSet p = model(5);
        Adam adam = new Adam(p, AdamConfig.of(1e-3));
        Path f = dir.resolve("adam.state");
        adam.save(f);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 1));
        IOException e = assertThrows(IOException.class, () -> new Adam(p, AdamConfig.of(1e-3)).load(f));
        assertTrue(e.getMessage().startsWith(f + ": truncated: expected at least " + all.length + " bytes, found "
                + (all.length - 1)), e.getMessage());
    }
}
