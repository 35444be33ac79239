package org.textgan.generator.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.textgan.generator.relax.GumbelNoise;
import org.textgan.tensor.GradientCheck;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/** Central finite differences in float64 against every parameter tensor, for every path of the generator. */
class GradientCheckLstmTest {
    private static final int V = 7;
    private static final int E = 5;
    private static final int H = 6;
    private static final int T = 4;
    private static final int B = 3;
    private static final double TOL = 1e-5;

    static CharLstmGenerator model(int layers) {
        return new CharLstmGenerator(new GeneratorConfig(V, E, H, layers, T, 11 + layers, Precision.FLOAT64, 0.5));
    }

    static Mat random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Mat m = Mat.zeros(Precision.FLOAT64, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, r.nextDouble(-1, 1));
        }
        return m;
    }

    static Mat gumbel(long seed) {
        Mat g = Mat.zeros(Precision.FLOAT64, T * B, V);
        GumbelNoise.fillGumbel(g, new SplittableRandom(seed));
        return g;
    }

    static double dot(Mat a, Mat b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.get(i) * b.get(i);
        }
        return s;
    }

    static void assertGradientsMatch(CharLstmGenerator g, DoubleSupplier loss, Runnable backward) {
        var results = GradientCheck.check(g.parameters(), loss, backward,
                new GradientCheck.Options(1e-5, 1e-4, 1000, 3));
        assertEquals(g.parameters().list().size(), results.size());
        for (var r : results) {
            assertTrue(r.maxRelativeError() < TOL, r.toString());
            assertTrue(r.checked() > 0, r.toString());
        }
        // the check is not vacuous: some gradient is substantially non-zero in every tensor but possibly the PAD row
        assertTrue(g.parameters().gradNorm() > 1e-3, "gradient norm " + g.parameters().gradNorm());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void teacherForcedMle(int layers) {
        CharLstmGenerator g = model(layers);
        TeacherForcedPass pass = g.teacherForced(B);
        List<int[]> seqs = List.of(new int[] {4, 5}, new int[] {6, 5, 4, 6, 6}, new int[] {3});
        TokenBatch batch = TokenBatch.of(seqs, B, T);
        assertEquals(2 + 1 + 4 + 2, batch.tokens());
        assertGradientsMatch(g, () -> {
            pass.forward(batch);
            return pass.meanNll();
        }, () -> pass.mleStep(batch));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void softRolloutWithSoftFeedback(int layers) {
        checkRollout(layers, new RolloutConfig(0.7, Feedback.SOFT, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void softRolloutWithHardFeedback(int layers) {
        checkRollout(layers, new RolloutConfig(0.7, Feedback.HARD, false));
    }

    private void checkRollout(int layers, RolloutConfig cfg) {
        CharLstmGenerator g = model(layers);
        Rollout ro = g.rollout(B);
        Mat noise = gumbel(5);
        Mat c = random(T * B, V, 6);
        assertGradientsMatch(g, () -> {
            ro.forward(cfg, noise);
            return dot(c, ro.output());
        }, () -> {
            ro.forward(cfg, noise);
            ro.backward(c);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"SOFT", "HARD"})
    void straightThrough(String feedback) {
        CharLstmGenerator g = model(2);
        Rollout ro = g.rollout(B);
        RolloutConfig cfg = new RolloutConfig(0.7, Feedback.valueOf(feedback), true);
        Mat noise = gumbel(8);
        Mat c = random(T * B, V, 9);
        ro.forward(cfg, noise);
        // the emitted sequence is exactly one-hot
        for (int r = 0; r < T * B; r++) {
            double s = 0;
            for (int j = 0; j < V; j++) {
                double v = ro.output().get(r, j);
                assertTrue(v == 0.0 || v == 1.0);
                s += v;
            }
            assertEquals(1.0, s);
        }
        Mat offset = ro.hard().copy();
        offset.addScaled(-1.0, ro.soft());
        // the straight-through gradient is the exact gradient of the surrogate y + frozen(oneHot - y)
        assertGradientsMatch(g, () -> {
            ro.forwardFrozenStraightThrough(cfg, noise, offset);
            return dot(c, ro.output());
        }, () -> {
            ro.forward(cfg, noise);
            ro.backward(c);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void reinforceSurrogate(int layers) {
        CharLstmGenerator g = model(layers);
        TeacherForcedPass pass = g.teacherForced(B);
        int[] ids = g.sampler(B).sampleIds(1.0, new SplittableRandom(3));
        double[] w = new double[T * B];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-1, 1);
        }
        assertGradientsMatch(g, () -> {
            pass.forward(TokenBatch.ofSampled(ids, B, T));
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                s -= w[i] * pass.logProbs()[i] / B;
            }
            return s;
        }, () -> pass.reinforceStep(ids, w));
    }
}
