package org.textgan.generator.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.textgan.common.TokenIds;
import org.textgan.generator.relax.GumbelNoise;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/**
 * The sampler's continuation API of Monte-Carlo rollouts: {@link Sampler#advance}, {@link Sampler#copyRow} and
 * {@link Sampler#drawInverseCdf}, in both precisions, against {@link Sampler#step} and a double-precision CDF.
 */
class SamplerContinuationTest {
    private static final int[][] PREFIX = {{TokenIds.BOS, TokenIds.BOS, TokenIds.BOS}, {5, 7, 9}, {6, 3, 10}};

    private static double[] row(Mat m, int r) {
        double[] out = new double[m.cols()];
        for (int j = 0; j < out.length; j++) {
            out[j] = m.get(r, j);
        }
        return out;
    }

    /** Advancing without logits leaves the state that stepping leaves: the next logits agree to the bit. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void advanceLeavesTheStateOfStep(Precision p) {
        CharLstmGenerator g = new CharLstmGenerator(GeneratorConsistencyTest.small(p));
        Sampler stepped = g.sampler(3);
        Sampler advanced = g.sampler(3);
        stepped.reset();
        advanced.reset();
        for (int[] in : PREFIX) {
            stepped.step(in);
            advanced.advance(in);
        }
        int[] next = {4, 8, 5};
        Mat a = stepped.step(next);
        Mat b = advanced.step(next);
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(row(a, r), row(b, r), 0.0, "row " + r);
        }
    }

    /** A copied row continues as its source row does; rows not copied keep their own state. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void copiedRowsContinueLikeTheirSource(Precision p) {
        CharLstmGenerator g = new CharLstmGenerator(GeneratorConsistencyTest.small(p));
        Sampler src = g.sampler(3);
        src.reset();
        for (int[] in : PREFIX) {
            src.advance(in);
        }
        Sampler dst = g.sampler(5);
        dst.reset();
        dst.copyRow(src, 1, 0);
        dst.copyRow(src, 2, 4);
        dst.copyRow(src, 1, 3);
        int[] next = {4, 8, 5};
        double[][] want = new double[3][];
        Mat ref = src.step(next);
        for (int r = 0; r < 3; r++) {
            want[r] = row(ref, r);
        }
        Mat got = dst.step(new int[] {8, 8, 8, 8, 5});
        double tol = p == Precision.FLOAT32 ? 1e-5 : 1e-12;
        assertArrayEquals(want[1], row(got, 0), tol);
        assertArrayEquals(want[1], row(got, 3), tol);
        assertArrayEquals(want[2], row(got, 4), tol);
        // row 1 kept the zero state: it differs from the copied row fed the same input
        assertNotEquals(row(got, 0)[0], row(got, 1)[0]);
        assertThrows(IllegalArgumentException.class, () -> dst.copyRow(src, 3, 0));
        Sampler other = new CharLstmGenerator(GeneratorConsistencyTest.small(p)).sampler(5);
        assertThrows(IllegalArgumentException.class, () -> other.copyRow(src, 0, 0));
    }

    /**
     * Each draw is the first id whose cumulative softmax probability, computed independently in double, exceeds the
     * row's uniform (uniforms within 1e-5 of a boundary are skipped, float32 rounding being below that); skipped rows
     * are not written.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void inverseCdfDrawsTheFirstIdPastTheUniform(Precision p) {
        CharLstmGenerator g = new CharLstmGenerator(GeneratorConsistencyTest.small(p));
        int batch = 4;
        Sampler s = g.sampler(batch);
        SplittableRandom rng = new SplittableRandom(11);
        int checked = 0;
        int[] distinct = new int[11];
        for (int round = 0; round < 300; round++) {
            s.reset();
            int[] in = new int[batch];
            for (int r = 0; r < batch; r++) {
                in[r] = 3 + rng.nextInt(8);
            }
            Mat live = s.step(in);
            double[][] cdf = new double[batch][];
            double[] u = new double[batch];
            for (int r = 0; r < batch; r++) {
                double[] logits = row(live, r);
                double max = Arrays.stream(logits).max().orElseThrow();
                double z = 0;
                for (double l : logits) {
                    z += Math.exp(l - max);
                }
                cdf[r] = new double[logits.length];
                double acc = 0;
                for (int j = 0; j < logits.length; j++) {
                    acc += Math.exp(logits[j] - max) / z;
                    cdf[r][j] = acc;
                }
                u[r] = GumbelNoise.openUniform(rng);
            }
            boolean[] skip = {false, round % 2 == 0, false, false};
            int[] out = {-1, -1, -1, -1};
            s.drawInverseCdf(u, skip, out);
            for (int r = 0; r < batch; r++) {
                if (skip[r]) {
                    assertEquals(-1, out[r], "skipped row " + r + " is not written");
                    continue;
                }
                int want = 0;
                while (want < cdf[r].length - 1 && cdf[r][want] <= u[r]) {
                    want++;
                }
                boolean nearBoundary = Math.abs(cdf[r][want] - u[r]) < 1e-5
                        || want > 0 && Math.abs(cdf[r][want - 1] - u[r]) < 1e-5;
                if (!nearBoundary) {
                    assertEquals(want, out[r], "round " + round + " row " + r + " u " + u[r]);
                    distinct[want]++;
                    checked++;
                }
            }
        }
        assertTrue(checked > 800, "checked " + checked);
        assertTrue(Arrays.stream(distinct).filter(c -> c > 0).count() >= 6, "ids drawn: " + Arrays.toString(distinct));
    }
}
