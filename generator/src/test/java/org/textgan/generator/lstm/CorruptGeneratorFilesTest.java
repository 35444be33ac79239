package org.textgan.generator.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.tensor.Precision;

/** A saved generator whose config or parameters are damaged fails with the file's path and the problem. */
class CorruptGeneratorFilesTest {

    private static Path saved(Path dir) throws IOException {
        new CharLstmGenerator(new GeneratorConfig(8, 4, 6, 1, 5, 3, Precision.FLOAT32, 0.1)).save(dir);
        return dir;
    }

    @Test
    void truncatedConfigSaysTruncatedWithItsLine(@TempDir Path tmp) throws IOException {
        Path dir = saved(tmp.resolve("g"));
        Path cfg = dir.resolve(CharLstmGenerator.CONFIG_FILE);
        String text = Files.readString(cfg);
        Files.writeString(cfg, text.substring(0, text.length() / 2));
        IOException e = assertThrows(IOException.class, () -> CharLstmGenerator.load(dir));
        assertTrue(e.getMessage().startsWith(cfg + ": truncated generator config: the file ends at line "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("before the value is complete"), e.getMessage());
    }

    @Test
    void badValueInConfigNamesTheKeyAndWhatIsExpected(@TempDir Path tmp) throws IOException {
        Path dir = saved(tmp.resolve("g"));
        Path cfg = dir.resolve(CharLstmGenerator.CONFIG_FILE);
        Files.writeString(cfg, Files.readString(cfg).replaceFirst("\"hidden_size\" : 6", "\"hidden_size\" : \"six\""));
        IOException e = assertThrows(IOException.class, () -> CharLstmGenerator.load(dir));
        assertTrue(e.getMessage().startsWith(cfg + ": line "), e.getMessage());
        assertTrue(e.getMessage().endsWith("hidden_size: expected an integer, found \"six\""), e.getMessage());
        Files.writeString(cfg, Files.readString(cfg).replaceFirst("\"six\"", "0"));
        IOException invalid = assertThrows(IOException.class, () -> CharLstmGenerator.load(dir));
        assertTrue(invalid.getMessage().contains("embedding, hidden size, layers and max length must be positive"),
                invalid.getMessage());
        assertTrue(invalid.getMessage().startsWith(cfg + ": line "), invalid.getMessage());
    }

    @Test
    void paramsOfAnotherModelSizeOrCutShortAreNamed(@TempDir Path tmp) throws IOException {
        Path dir = saved(tmp.resolve("g"));
        Path other = tmp.resolve("h");
        new CharLstmGenerator(new GeneratorConfig(8, 4, 7, 1, 5, 3, Precision.FLOAT32, 0.1)).save(other);
        Path params = dir.resolve(CharLstmGenerator.PARAMS_FILE);
        Files.copy(other.resolve(CharLstmGenerator.PARAMS_FILE), params, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IOException e = assertThrows(IOException.class, () -> CharLstmGenerator.load(dir));
        assertTrue(e.getMessage().startsWith(params + ": tensor '") && e.getMessage().contains("the model's config "
                + "expects"), e.getMessage());
        saved(dir);
        byte[] all = Files.readAllBytes(params);
        Files.write(params, Arrays.copyOf(all, all.length / 2));
        IOException cut = assertThrows(IOException.class, () -> CharLstmGenerator.load(dir));
        assertTrue(cut.getMessage().startsWith(params + ": truncated: expected at least "), cut.getMessage());
        assertTrue(cut.getMessage().contains("bytes, found " + all.length / 2 + " (the file ends inside"),
                cut.getMessage());
        Files.delete(dir.resolve(CharLstmGenerator.CONFIG_FILE));
        assertEquals(dir.resolve(CharLstmGenerator.CONFIG_FILE) + ": missing generator config",
                assertThrows(IOException.class, () -> CharLstmGenerator.load(dir)).getMessage());
    }
}
