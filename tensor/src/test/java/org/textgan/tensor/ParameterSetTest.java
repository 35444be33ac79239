package org.textgan.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterSetTest {

    private static ParameterSet twoTensors(Precision p, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Parameter a = Parameter.zeros("a", p, 3, 4);
        Parameter b = Parameter.zeros("b", p, 1, 5);
        for (Parameter x : List.of(a, b)) {
            for (int i = 0; i < x.value().size(); i++) {
                x.value().set(i, rng.nextGaussian());
                x.grad().set(i, rng.nextGaussian());
            }
        }
        return new ParameterSet(List.of(a, b));
    }

    @Test
    void saveAndLoadRoundTripExactly(@TempDir Path dir) throws IOException {
        ParameterSet src = twoTensors(Precision.FLOAT32, 1);
        ParameterSet dst = twoTensors(Precision.FLOAT32, 2);
        Path f = dir.resolve("params.bin");
        src.save(f);
        dst.load(f);
        for (Parameter p : src.list()) {
            for (int i = 0; i < p.value().size(); i++) {
                assertEquals(p.value().get(i), dst.get(p.name()).value().get(i), 0.0);
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void loadRejectsAShapeMismatchNamingTheTensor(@TempDir Path dir) throws IOException {
        ParameterSet src = twoTensors(Precision.FLOAT64, 1);
        Path f = dir.resolve("params.bin");
        src.save(f);
        ParameterSet other = new ParameterSet(List.of(Parameter.zeros("a", Precision.FLOAT64, 3, 4),
                Parameter.zeros("b", Precision.FLOAT64, 1, 6)));
        IOException e = assertThrows(IOException.class, () -> other.load(f));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    }

    @Test
    void flatArraysFollowListOrderAndRoundTrip() {
        for (Precision p : Precision.values()) {
            ParameterSet s = twoTensors(p, 4);
            // values: a's 12 then b's 5, each in the matrix's own element order
            double[] v = s.values();
            assertEquals(17, v.length);
            assertEquals(s.get("a").value().get(7), v[7], 0.0);
            assertEquals(s.get("b").value().get(2), v[12 + 2], 0.0);
            ParameterSet other = twoTensors(p, 5);
            other.setValues(v);
            assertArrayEquals(v, other.values(), 0.0);
            // gradients: written from an offset, scaled; read back with the inverse scale
            double[] g = new double[3 + 17];
            s.gradsInto(g, 3, 4.0);
            assertEquals(0.0, g[2], 0.0);
            assertEquals(4.0 * s.get("a").grad().get(0), g[3], 0.0);
            assertEquals(4.0 * s.get("b").grad().get(4), g[3 + 12 + 4], 0.0);
            other.setGrads(g, 3, 0.25);
            double[] back = new double[17];
            other.gradsInto(back, 0, 1.0);
            double[] orig = new double[17];
            s.gradsInto(orig, 0, 1.0);
            assertArrayEquals(orig, back, 0.0); // x * 4 * 0.25 is exact
        }
    }

    @Test
    void setValuesRejectsTheWrongLength() {
        ParameterSet s = twoTensors(Precision.FLOAT64, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.setValues(new double[16]));
        assertEquals("expected 17 values, got 16", e.getMessage());
    }

    @Test
    void valuesIntoWritesFromAnOffsetAndRejectsAShortArray() {
        ParameterSet s = twoTensors(Precision.FLOAT32, 6);
        double[] dst = new double[2 + 17];
        s.valuesInto(dst, 2);
        assertArrayEquals(s.values(), java.util.Arrays.copyOfRange(dst, 2, dst.length), 0.0);
        assertEquals(0.0, dst[1], 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.valuesInto(dst, 3));
        assertEquals("need 17 values from offset 3, the array holds 19", e.getMessage());
    }

    @Test
    void clipGradNormScalesToTheBound() {
        ParameterSet s = twoTensors(Precision.FLOAT64, 3);
        double before = s.gradNorm();
        assertEquals(before, s.clipGradNorm(before / 4), 1e-12);
        assertEquals(before / 4, s.gradNorm(), 1e-9);
    }

    @Test
    void adamFirstStepMovesEachWeightByTheLearningRateAgainstTheGradientSign() {
        ParameterSet s = twoTensors(Precision.FLOAT64, 4);
        ParameterSet before = twoTensors(Precision.FLOAT64, 4);
        Adam adam = new Adam(s, AdamConfig.of(0.01));
        adam.update();
        // With bias correction, step 1 gives m/c1 = g and sqrt(v/c2) = |g|: the update is -lr * g / (|g| + eps).
        for (Parameter p : s.list()) {
            Mat w0 = before.get(p.name()).value();
            for (int i = 0; i < p.value().size(); i++) {
                double g = p.grad().get(i);
                assertEquals(w0.get(i) - 0.01 * g / (Math.abs(g) + 1e-8), p.value().get(i), 1e-12);
            }
        }
    }

    @Test
    void adamStateRoundTripsSoResumedUpdatesAreIdentical(@TempDir Path dir) throws IOException {
        ParameterSet a = twoTensors(Precision.FLOAT64, 5);
        ParameterSet b = twoTensors(Precision.FLOAT64, 5);
        Adam adamA = new Adam(a, AdamConfig.of(0.1));
        Adam adamB = new Adam(b, AdamConfig.of(0.1));
        adamA.update();
        adamA.update();
        adamB.update();
        adamB.update();
        adamA.save(dir.resolve("adam.bin"));
        Adam resumed = new Adam(b, AdamConfig.of(0.1));
        resumed.load(dir.resolve("adam.bin"));
        assertEquals(2, resumed.step());
        adamA.update();
        resumed.update();
        for (Parameter p : a.list()) {
            for (int i = 0; i < p.value().size(); i++) {
                assertEquals(p.value().get(i), b.get(p.name()).value().get(i), 0.0);
            }
        }
    }
}
