package org.textgan.experiments.train;

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
import org.textgan.tensor.Adam;
import org.textgan.tensor.AdamConfig;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/** Every file of an adversarial checkpoint, damaged, fails with its path and what is wrong. */
class CorruptCheckpointTest {

    private record Models(ParameterSet g, ParameterSet d, Adam ga, Adam da) {
        static Models make() {
            ParameterSet g = new ParameterSet(List.of(Parameter.zeros("w", Precision.FLOAT32, 4, 3)));
            ParameterSet d = new ParameterSet(List.of(Parameter.zeros("v", Precision.FLOAT32, 2, 2)));
            return new Models(g, d, new Adam(g, AdamConfig.of(1e-3)), new Adam(d, AdamConfig.of(1e-3)));
        }

        java.util.Optional<TrainCheckpoint.State> load(Path checkpoints) throws IOException {
            return TrainCheckpoint.loadLatest(checkpoints, g, d, ga, da);
        }
    }

    private static Path checkpoint(Path tmp) throws IOException {
        Path c = Files.createDirectories(tmp.resolve("checkpoints"));
        Models m = Models.make();
        TrainCheckpoint.save(c, new TrainCheckpoint.State(20, 1.5, new double[] {0.25}, 0), m.g(), m.d(), m.ga(), m.da());
        assertEquals(20, Models.make().load(c).orElseThrow().step(), "an intact checkpoint loads");
        return c;
    }

    @Test
    void truncatedGeneratorParams(@TempDir Path tmp) throws IOException {
        Path c = checkpoint(tmp);
        Path params = c.resolve("step-00000020").resolve("generator.params");
        byte[] all = Files.readAllBytes(params);
        Files.write(params, Arrays.copyOf(all, all.length - 4));
        IOException e = assertThrows(IOException.class, () -> Models.make().load(c));
        assertEquals(params + ": truncated: expected at least " + all.length + " bytes, found " + (all.length - 4)
                + " (the file ends inside the 12 values of tensor 'w')", e.getMessage());
    }

    @Test
    void corruptedTrainerState(@TempDir Path tmp) throws IOException {
        Path c = checkpoint(tmp);
        Path state = c.resolve("step-00000020").resolve("trainer.json");
        Files.writeString(state, "{\"step\": 20, \"wall_time\": \"soon\"}");
        IOException e = assertThrows(IOException.class, () -> Models.make().load(c));
        assertEquals(state + ": line 1, column 27: wall_time: expected a number, found \"soon\"",
                e.getMessage());
        Files.writeString(state, "{\"step\": 2");
        IOException cut = assertThrows(IOException.class, () -> Models.make().load(c));
        assertTrue(cut.getMessage().startsWith(state + ": truncated checkpoint state: the file ends at line 1"),
                cut.getMessage());
    }

    @Test
    void pointerToAMissingCheckpointOrAnEmptyPointer(@TempDir Path tmp) throws IOException {
        Path c = checkpoint(tmp);
        Path latest = c.resolve("latest.json");
        Files.writeString(latest, "{\"dir\": \"step-00000040\"}");
        IOException e = assertThrows(IOException.class, () -> Models.make().load(c));
        assertEquals(latest + ": names checkpoint step-00000040, which does not exist (" + c.resolve("step-00000040")
                + ")", e.getMessage());
        Files.writeString(latest, "");
        assertEquals(latest + ": empty checkpoint pointer",
                assertThrows(IOException.class, () -> Models.make().load(c)).getMessage());
    }

    @Test
    void optimiserStateOfAnotherModel(@TempDir Path tmp) throws IOException {
        Path c = checkpoint(tmp);
        Path adam = c.resolve("step-00000020").resolve("adam-discriminator.state");
        Files.copy(c.resolve("step-00000020").resolve("adam-generator.state"), adam,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IOException e = assertThrows(IOException.class, () -> Models.make().load(c));
        assertTrue(e.getMessage().startsWith(adam + ": unexpected tensor '"), e.getMessage());
    }
}
