package org.textgan.generator.lstm;

import org.textgan.common.Split;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.Precision;

class PretrainerTest {
    private static final TokenSequences DATA = EnglishText.dataset();

    static CharLstmGenerator model() {
        return new CharLstmGenerator(new GeneratorConfig(DATA.vocabSize(), 16, 48, 1, 40, 5, Precision.FLOAT32, 0.1));
    }

    static PretrainConfig config(long steps) {
        return new PretrainConfig(steps, 32, 5e-3, 5.0, 10, 15, 99, 40);
    }

    static List<String> metricsWithoutWallTime(Path run) throws IOException {
        ObjectMapper om = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(Pretrainer.METRICS_FILE))) {
            JsonNode n = om.readTree(line);
            out.add(n.get("step").asLong() + " " + n.get("train_nll").asDouble() + " " + n.get("valid_bpc").asDouble());
            assertTrue(n.get("wall_time_s").asDouble() > 0);
        }
        return out;
    }

    static void assertSameParameters(CharLstmGenerator a, CharLstmGenerator b) {
        for (Parameter p : a.parameters().list()) {
            assertArrayEquals(p.value().toDoubleArray(), b.parameters().get(p.name()).value().toDoubleArray(), 0.0,
                    p.name());
        }
    }

    @Test
    void mleLossDecreasesOnRealText(@TempDir Path run) throws IOException {
        CharLstmGenerator g = model();
        double before = new NllEvaluator(g, 32).evaluate(DATA.sequences(Split.VALID)).bitsPerChar();
        var result = new Pretrainer(g, DATA, new PretrainConfig(120, 32, 1e-2, 5.0, 40, 1000, 1, 0), run)
                .run(PretrainProgress.NONE);
        double after = result.last().validBpc();
        assertTrue(before > 5.0, "untrained model near uniform: " + before);
        assertTrue(after < before - 1.5, "valid bits/char " + before + " -> " + after);
        assertEquals(3, metricsWithoutWallTime(run).size());
        CharLstmGenerator saved = CharLstmGenerator.load(result.generatorDir());
        assertSameParameters(g, saved);
    }

    @Test
    void sameSeedGivesIdenticalParametersAndMetrics(@TempDir Path a, @TempDir Path b) throws IOException {
        CharLstmGenerator ga = model();
        CharLstmGenerator gb = model();
        new Pretrainer(ga, DATA, config(30), a).run(PretrainProgress.NONE);
        new Pretrainer(gb, DATA, config(30), b).run(PretrainProgress.NONE);
        assertSameParameters(ga, gb);
        assertEquals(metricsWithoutWallTime(a), metricsWithoutWallTime(b));
    }

    @Test
    void resumeFromCheckpointReproducesTheUninterruptedRun(@TempDir Path whole, @TempDir Path broken)
            throws IOException {
        CharLstmGenerator ref = model();
        new Pretrainer(ref, DATA, config(40), whole).run(PretrainProgress.NONE);

        // interrupted after step 22: the last checkpoint is step 15, metrics of step 20 were already logged
        CharLstmGenerator first = model();
        PretrainProgress crash = new PretrainProgress() {
            @Override
            public void onStep(long step, long total, double loss) {
                if (step == 22) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> new Pretrainer(first, DATA, config(40), broken).run(crash));
        assertEquals(2, metricsWithoutWallTime(broken).size());

        CharLstmGenerator resumed = model();
        var result = new Pretrainer(resumed, DATA, config(40), broken).run(PretrainProgress.NONE);
        assertEquals(15, result.resumedFrom());
        assertSameParameters(ref, resumed);
        assertEquals(metricsWithoutWallTime(whole), metricsWithoutWallTime(broken));
    }
}
