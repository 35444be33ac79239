package org.textgan.discriminator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.textgan.tensor.GradientCheck;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

class CnnDiscriminatorTest {
    private static final Precision F64 = Precision.FLOAT64;

    private static CnnDiscriminatorConfig small(long seed) {
        return new CnnDiscriminatorConfig(7, 5, List.of(2, 3), 4, 0.25, seed);
    }

    /**
     * Every parameter tensor and both inputs, through each GAN loss's discriminator and generator objective, with
     * dropout active under a fixed mask (re-seeded before each forward).
     */
    @Test
    void gradientsMatchFiniteDifferencesThroughEveryLoss() {
        int batch = 3;
        int steps = 6;
        for (GanLoss loss : GanLoss.values()) {
            for (boolean generatorSide : new boolean[] {false, true}) {
                CnnDiscriminator d = new CnnDiscriminator(small(5), F64);
                assertTrue(d.isTraining(), "dropout is on by default");
                SplittableRandom rng = new SplittableRandom(99);
                Parameter xr = TestData.asParameter("x.real", TestData.softRows(F64, steps * batch, 7, rng));
                Parameter xf = TestData.asParameter("x.fake", TestData.softRows(F64, steps * batch, 7, rng));
                ParameterSet all = new ParameterSet(TestData.with(d.parameters().list(), xr, xf));
                Mat gr = Mat.zeros(F64, batch, 1);
                Mat gf = Mat.zeros(F64, batch, 1);
                // real in pass slot 0, fake in slot 1: both alive at once, each back-propagated once
                java.util.function.DoubleSupplier value = () -> {
                    d.reseedDropout(11);
                    Mat lr = d.forward(0, xr.value(), batch);
                    Mat lf = d.forward(1, xf.value(), batch);
                    return generatorSide ? loss.generatorLoss(lr, lf, gr, gf) : loss.discriminatorLoss(lr, lf, gr, gf);
                };
                Runnable backward = () -> {
                    var unused = value.getAsDouble(); // forward both (the value is not needed here), fill gr and gf
                    d.backward(1, gf, xf.grad());
                    d.backward(0, gr, xr.grad());
                };
                var results = GradientCheck.check(all, value, backward, GradientCheck.Options.defaults());
                assertEquals(d.parameters().list().size() + 2, results.size());
                if (loss == GanLoss.RSGAN) {
                    // relativistic losses see only r - f: the output bias cancels, its gradient is exactly zero and
                    // its finite difference pure round-off, so the property is asserted instead of a relative error
                    assertEquals(0.0, d.parameters().get("cnn.out.bias").grad().get(0), 0.0);
                    results = results.stream().filter(r -> !r.name().equals("cnn.out.bias")).toList();
                }
                TestData.assertGradientsMatch(results, 1e-5);
            }
        }
    }

    /** Two live passes give the same gradients as two sequential forward/backward pairs in one slot. */
    @Test
    void passSlotsAreIndependent() {
        CnnDiscriminator d = new CnnDiscriminator(small(5), F64);
        d.setTraining(false);
        SplittableRandom rng = new SplittableRandom(8);
        Mat x0 = TestData.softRows(F64, 6 * 4, 7, rng);
        Mat x1 = TestData.softRows(F64, 6 * 4, 7, rng);
        Mat g0 = Mat.of(F64, 4, 1, 0.5, -1, 2, 0.1);
        Mat g1 = Mat.of(F64, 4, 1, -0.3, 0.2, 1, -2);
        Mat dx0 = Mat.zeros(F64, 24, 7);
        Mat dx1 = Mat.zeros(F64, 24, 7);
        d.forward(x0, 4);
        d.backward(g0, dx0);
        d.forward(x1, 4);
        d.backward(g1, dx1);
        double[][] sequential = grads(d.parameters());
        double[] dx1Sequential = dx1.toDoubleArray();
        d.parameters().zeroGrad();
        d.forward(0, x0, 4);
        d.forward(1, x1, 4);
        d.backward(1, g1, dx1);
        d.backward(0, g0, dx0);
        double[][] slots = grads(d.parameters());
        for (int k = 0; k < slots.length; k++) {
            assertArrayEquals(sequential[k], slots[k], 1e-13, d.parameters().list().get(k).name());
        }
        assertArrayEquals(dx1Sequential, dx1.toDoubleArray(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> d.forward(2, x0, 4));
        assertThrows(IllegalStateException.class,
                () -> new CnnDiscriminator(small(5), F64).backward(1, g0, null));
    }

    @Test
    void dropoutIsActiveInTrainingAndOffInEvaluation() {
        CnnDiscriminator d = new CnnDiscriminator(small(5), F64);
        Mat x = TestData.softRows(F64, 6 * 4, 7, new SplittableRandom(1));
        d.reseedDropout(1);
        double[] a = d.forward(x, 4).toDoubleArray();
        d.reseedDropout(1);
        double[] same = d.forward(x, 4).toDoubleArray();
        d.reseedDropout(2);
        double[] other = d.forward(x, 4).toDoubleArray();
        assertArrayEquals(a, same, 0.0, "same seed, same mask");
        assertFalse(java.util.Arrays.equals(a, other), "another seed draws another mask");
        d.setTraining(false);
        d.reseedDropout(1);
        double[] e1 = d.forward(x, 4).toDoubleArray();
        d.reseedDropout(2);
        double[] e2 = d.forward(x, 4).toDoubleArray();
        assertArrayEquals(e1, e2, 0.0, "no dropout in evaluation");
    }

    /** Token ids give bit-identical logits to their one-hot rows, and the same gradients. */
    @Test
    void idFastPathEqualsOneHotInput() {
        for (Precision p : Precision.values()) {
            CnnDiscriminator d = new CnnDiscriminator(CnnDiscriminatorConfig.defaults(11, 3), p);
            int batch = 5;
            int steps = 9;
            int[] ids = TestData.randomIds(batch * steps, 11, new SplittableRandom(4));
            Mat x = TestData.oneHot(p, ids, 11);
            d.reseedDropout(8);
            double[] viaIds = d.forward(ids, batch).toDoubleArray();
            Mat g = Mat.of(p, batch, 1, 0.3, -1.2, 0.7, 2.0, -0.4);
            Mat dxIds = Mat.zeros(p, batch * steps, 11);
            d.parameters().zeroGrad();
            d.backward(g, dxIds);
            double[][] gradIds = grads(d.parameters());
            d.reseedDropout(8);
            double[] viaOneHot = d.forward(x, batch).toDoubleArray();
            Mat dxHot = Mat.zeros(p, batch * steps, 11);
            d.parameters().zeroGrad();
            d.backward(g, dxHot);
            double[][] gradHot = grads(d.parameters());
            assertArrayEquals(viaOneHot, viaIds, 0.0, p.toString());
            double tol = p == F64 ? 1e-12 : 1e-5;
            assertArrayEquals(dxHot.toDoubleArray(), dxIds.toDoubleArray(), tol);
            for (int k = 0; k < gradIds.length; k++) {
                assertArrayEquals(gradHot[k], gradIds[k], tol, d.parameters().list().get(k).name());
            }
        }
    }

    @Test
    void sameConfigAndSeedGiveIdenticalParameters() {
        var a = new CnnDiscriminator(small(42), F64).parameters().list();
        var b = new CnnDiscriminator(small(42), F64).parameters().list();
        var c = new CnnDiscriminator(small(43), F64).parameters().list();
        boolean anyDiffers = false;
        for (int k = 0; k < a.size(); k++) {
            assertEquals(a.get(k).name(), b.get(k).name());
            assertArrayEquals(a.get(k).value().toDoubleArray(), b.get(k).value().toDoubleArray(), 0.0);
            anyDiffers |= !java.util.Arrays.equals(a.get(k).value().toDoubleArray(), c.get(k).value().toDoubleArray());
        }
        assertTrue(anyDiffers, "another seed initialises differently");
    }

    /** A checkpoint restores a discriminator exactly: another seed's model scores like the original once loaded. */
    @Test
    void checkpointRoundTripRestoresTheScores(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        CnnDiscriminator a = new CnnDiscriminator(small(1), F64);
        CnnDiscriminator b = new CnnDiscriminator(small(2), F64);
        a.setTraining(false);
        b.setTraining(false);
        Mat x = TestData.softRows(F64, 6 * 3, 7, new SplittableRandom(4));
        double[] expected = a.forward(x, 3).toDoubleArray();
        assertFalse(java.util.Arrays.equals(expected, b.forward(x, 3).toDoubleArray()));
        java.nio.file.Path file = dir.resolve("d.bin");
        a.parameters().save(file);
        b.parameters().load(file);
        assertArrayEquals(expected, b.forward(x, 3).toDoubleArray(), 0.0);
    }

    @Test
    void defaultArchitectureHasTheDocumentedShapes() {
        CnnDiscriminator d = new CnnDiscriminator(CnnDiscriminatorConfig.defaults(64, 1), Precision.FLOAT32);
        ParameterSet ps = d.parameters();
        assertEquals(64 * 64, ps.get("cnn.embedding").value().size());
        assertEquals(5 * 64, ps.get("cnn.conv5.weight").value().rows());
        assertEquals(256, ps.get("cnn.highway.weight").value().rows());
        assertEquals(512, ps.get("cnn.highway.weight").value().cols());
        long expected = 64L * 64 + (2 + 3 + 4 + 5) * 64 * 64 + 4 * 64 + 256 * 512 + 512 + 256 + 1;
        assertEquals(expected, ps.count());
        assertFalse(d.perStepLogits());
    }

    /** Alternating shapes reuses per-shape buffers without mixing them up. */
    @Test
    void resultsDoNotDependOnPreviouslySeenShapes() {
        CnnDiscriminator d = new CnnDiscriminator(small(5), F64);
        d.setTraining(false);
        SplittableRandom rng = new SplittableRandom(3);
        Mat x1 = TestData.softRows(F64, 6 * 4, 7, rng);
        Mat x2 = TestData.softRows(F64, 8 * 2, 7, rng);
        double[] first = d.forward(x1, 4).toDoubleArray();
        d.forward(x2, 2);
        d.forward(x1, 2); // same rows, another batch split
        assertArrayEquals(first, d.forward(x1, 4).toDoubleArray(), 0.0);
    }

    @Test
    void rejectsBadShapes() {
        CnnDiscriminator d = new CnnDiscriminator(small(5), F64);
        Mat tooShort = TestData.softRows(F64, 2 * 4, 7, new SplittableRandom(1));
        assertThrows(IllegalArgumentException.class, () -> d.forward(tooShort, 4));
        Mat wrongVocab = Mat.zeros(F64, 24, 6);
        assertThrows(IllegalArgumentException.class, () -> d.forward(wrongVocab, 4));
        assertThrows(IllegalArgumentException.class, () -> d.forward(new int[] {0, 1, 2, 9, 0, 1}, 1));
    }

    private static double[][] grads(ParameterSet ps) {
        return ps.list().stream().map(q -> q.grad().toDoubleArray()).toArray(double[][]::new);
    }
}
