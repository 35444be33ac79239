package org.textgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged vocabulary or manifest fails with the file's path and what is wrong, in one line. */
class CorruptDatasetFilesTest {

    @Test
    void truncatedVocabulary(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("vocab.json");
        new Vocabulary(new int[] {'a', 'b'}, new long[] {2, 1}).write(f);
        String text = Files.readString(f);
        Files.writeString(f, text.substring(0, text.length() - 8));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Vocabulary.read(f));
        assertTrue(e.getMessage().startsWith(f + ": truncated vocabulary: the file ends at line "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
        Files.writeString(f, "");
        assertEquals(f + ": empty vocabulary",
                assertThrows(DatasetFormatException.class, () -> Vocabulary.read(f)).getMessage());
        Files.writeString(f, "{\"format\": \"textgan-vocab\", oops}");
        DatasetFormatException bad = assertThrows(DatasetFormatException.class, () -> Vocabulary.read(f));
        assertTrue(bad.getMessage().startsWith(f + ": line 1, column "), bad.getMessage());
        assertTrue(bad.getMessage().contains("not valid JSON (vocabulary)"), bad.getMessage());
        assertTrue(!bad.getMessage().contains("Source:"), "no Jackson source dump: " + bad.getMessage());
    }

    @Test
    void truncatedOrMistypedManifest(@TempDir Path dir) throws Exception {
        Path mf = dir.resolve(Dataset.MANIFEST);
        Files.writeString(mf, "{\n  \"format\": \"textgan-dataset\",\n  \"format_version\": 1,\n  \"splits\": {");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Dataset.open(dir));
        assertTrue(e.getMessage().startsWith(mf + ": truncated dataset manifest: the file ends at line 4"),
                e.getMessage());
        Files.writeString(mf, "{\n  \"format\": \"textgan-dataset\",\n  \"format_version\": \"one\"\n}");
        DatasetFormatException t = assertThrows(DatasetFormatException.class, () -> Dataset.open(dir));
        assertEquals(mf + ": line 3, column 21: format_version: expected an integer, found \"one\"",
                t.getMessage());
    }
}
