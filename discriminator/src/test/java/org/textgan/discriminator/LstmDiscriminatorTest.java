package org.textgan.discriminator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.textgan.tensor.GradientCheck;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

class LstmDiscriminatorTest {
    private static final Precision F64 = Precision.FLOAT64;

    /**
     * Full BPTT, every parameter and the input, under the default floor: the loss is a fixed random linear functional
     * of the per-step logits, {@code L = sum_i c_i z_i}, so that the upstream gradient is {@code c} itself.
     */
    @Test
    void gradientsMatchFiniteDifferencesForAnyUpstreamGradient() {
        int batch = 3;
        int steps = 6;
        LstmDiscriminator d = new LstmDiscriminator(new LstmDiscriminatorConfig(6, 4, 5, 21), F64);
        SplittableRandom rng = new SplittableRandom(17);
        Parameter x = TestData.asParameter("x", TestData.softRows(F64, steps * batch, 6, rng));
        Mat c = Mat.zeros(F64, steps * batch, 1);
        for (int i = 0; i < c.size(); i++) {
            c.set(i, rng.nextDouble(-1, 1));
        }
        ParameterSet all = new ParameterSet(TestData.with(d.parameters().list(), x));
        DoubleSupplier value = () -> {
            Mat z = d.forward(x.value(), batch);
            double s = 0;
            for (int i = 0; i < z.size(); i++) {
                s += c.get(i) * z.get(i);
            }
            return s;
        };
        Runnable backward = () -> {
            d.forward(x.value(), batch);
            d.backward(c, x.grad());
        };
        var results = GradientCheck.check(all, value, backward, GradientCheck.Options.defaults());
        assertEquals(6, results.size());
        TestData.assertGradientsMatch(results, 1e-5);
    }

    /**
     * Through both losses' D and G objectives on per-step logits, for every parameter and both inputs. The mean over
     * {@code T*B} logits makes some recurrent-weight gradients as small as 1e-6, where central differences carry an
     * absolute round-off error near 2e-10 (a relative 1e-4); the floor is raised to 1e-4 so that such elements are held
     * to an absolute error of 1e-9 instead, while every larger element is still held to 1e-5 relative.
     */
    @Test
    void gradientsMatchFiniteDifferencesThroughEveryLoss() {
        int batch = 3;
        int steps = 5;
        GradientCheck.Options options = new GradientCheck.Options(1e-6, 1e-4, 60, 7);
        for (GanLoss loss : GanLoss.values()) {
            for (boolean generatorSide : new boolean[] {false, true}) {
                LstmDiscriminator d = new LstmDiscriminator(new LstmDiscriminatorConfig(6, 4, 5, 21), F64);
                SplittableRandom rng = new SplittableRandom(17);
                Parameter xr = TestData.asParameter("x.real", TestData.softRows(F64, steps * batch, 6, rng));
                Parameter xf = TestData.asParameter("x.fake", TestData.softRows(F64, steps * batch, 6, rng));
                ParameterSet all = new ParameterSet(TestData.with(d.parameters().list(), xr, xf));
                Mat gr = Mat.zeros(F64, steps * batch, 1);
                Mat gf = Mat.zeros(F64, steps * batch, 1);
                DoubleSupplier value = () -> {
                    Mat lr = d.forward(0, xr.value(), batch);
                    Mat lf = d.forward(1, xf.value(), batch);
                    return generatorSide ? loss.generatorLoss(lr, lf, gr, gf) : loss.discriminatorLoss(lr, lf, gr, gf);
                };
                Runnable backward = () -> {
                    var unused = value.getAsDouble(); // forward both (the value is not needed here)
                    d.backward(0, gr, xr.grad());
                    d.backward(1, gf, xf.grad());
                };
                var results = GradientCheck.check(all, value, backward, options);
                assertEquals(7, results.size());
                TestData.assertGradientsMatch(results, 1e-5);
            }
        }
    }

    /** The logit at time t scores a prefix: changing later inputs must leave it untouched. */
    @Test
    void perStepLogitsAreCausal() {
        int batch = 2;
        int steps = 7;
        LstmDiscriminator d = new LstmDiscriminator(new LstmDiscriminatorConfig(6, 4, 5, 21), F64);
        assertTrue(d.perStepLogits());
        SplittableRandom rng = new SplittableRandom(5);
        Mat x = TestData.softRows(F64, steps * batch, 6, rng);
        double[] before = d.forward(x, batch).toDoubleArray();
        assertEquals(steps * batch, before.length);
        int t0 = 3;
        Mat y = x.copy();
        Mat tail = TestData.softRows(F64, (steps - t0 - 1) * batch, 6, rng);
        y.rows((t0 + 1) * batch, (steps - t0 - 1) * batch).copyFrom(tail);
        double[] after = d.forward(y, batch).toDoubleArray();
        for (int r = 0; r < (t0 + 1) * batch; r++) {
            assertEquals(before[r], after[r], 0.0, "row " + r);
        }
        assertNotEquals(before[(t0 + 1) * batch], after[(t0 + 1) * batch]);
    }

    @Test
    void idFastPathEqualsOneHotInput() {
        for (Precision p : Precision.values()) {
            LstmDiscriminator d = new LstmDiscriminator(LstmDiscriminatorConfig.defaults(9, 2), p);
            int batch = 4;
            int steps = 6;
            int[] ids = TestData.randomIds(batch * steps, 9, new SplittableRandom(4));
            double[] viaIds = d.forward(ids, batch).toDoubleArray();
            Mat g = TestData.softRows(p, batch * steps, 1, new SplittableRandom(1)); // all ones: fine as upstream
            Mat dxIds = Mat.zeros(p, batch * steps, 9);
            d.parameters().zeroGrad();
            d.backward(g, dxIds);
            double[] embIds = d.parameters().get("lstm.embedding").grad().toDoubleArray();
            double[] viaHot = d.forward(TestData.oneHot(p, ids, 9), batch).toDoubleArray();
            Mat dxHot = Mat.zeros(p, batch * steps, 9);
            d.parameters().zeroGrad();
            d.backward(g, dxHot);
            assertArrayEquals(viaHot, viaIds, 0.0, p.toString());
            double tol = p == F64 ? 1e-12 : 1e-5;
            assertArrayEquals(dxHot.toDoubleArray(), dxIds.toDoubleArray(), tol);
            assertArrayEquals(d.parameters().get("lstm.embedding").grad().toDoubleArray(), embIds, tol);
        }
    }

    /**
     * The float32 cell on the Vector API, the float32 scalar loops and the float64 model (the one checked against
     * finite differences) compute the same logits and gradients, to float rounding.
     */
    @Test
    void vectorScalarAndDoublePathsAgree() {
        LstmDiscriminatorConfig cfg = new LstmDiscriminatorConfig(9, 12, 20, 4); // H=20: vector body and scalar tail
        LstmDiscriminator d64 = new LstmDiscriminator(cfg, F64);
        LstmDiscriminator vec = new LstmDiscriminator(cfg, Precision.FLOAT32);
        LstmDiscriminator sca = new LstmDiscriminator(cfg, Precision.FLOAT32);
        sca.useVectorKernels(false);
        assertTrue(vec.vectorKernels() && !sca.vectorKernels());
        int batch = 5;
        int steps = 8;
        SplittableRandom rng = new SplittableRandom(6);
        Mat x = TestData.softRows(F64, batch * steps, 9, rng);
        Mat g = Mat.zeros(F64, batch * steps, 1);
        for (int i = 0; i < g.size(); i++) {
            g.set(i, rng.nextDouble(-1, 1));
        }
        LstmDiscriminator[] models = {d64, vec, sca};
        double[][] logits = new double[3][];
        double[][] dx = new double[3][];
        double[][] grads = new double[3][];
        for (int k = 0; k < 3; k++) {
            Precision p = models[k].precision();
            logits[k] = models[k].forward(x.copy(p), batch).toDoubleArray();
            Mat dxk = Mat.zeros(p, batch * steps, 9);
            models[k].backward(g.copy(p), dxk);
            dx[k] = dxk.toDoubleArray();
            grads[k] = models[k].parameters().list().stream()
                    .flatMapToDouble(q -> java.util.Arrays.stream(q.grad().toDoubleArray())).toArray();
        }
        for (int k = 1; k < 3; k++) {
            assertArrayEquals(logits[0], logits[k], 1e-5, "logits " + k);
            assertArrayEquals(dx[0], dx[k], 1e-5, "dx " + k);
            assertArrayEquals(grads[0], grads[k], 2e-5, "parameter gradients " + k);
        }
    }

    @Test
    void sameConfigAndSeedGiveIdenticalParameters() {
        var a = new LstmDiscriminator(new LstmDiscriminatorConfig(6, 4, 5, 1), F64).parameters().list();
        var b = new LstmDiscriminator(new LstmDiscriminatorConfig(6, 4, 5, 1), F64).parameters().list();
        var c = new LstmDiscriminator(new LstmDiscriminatorConfig(6, 4, 5, 2), F64).parameters().list();
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.get(k).value().toDoubleArray(), b.get(k).value().toDoubleArray(), 0.0);
        }
        assertNotEquals(a.get(1).value().get(0), c.get(1).value().get(0));
    }
}
