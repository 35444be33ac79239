package org.textgan.discriminator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;
import org.textgan.tensor.Simd;

/**
 * The CNN's fast scoring of token-relaxed variants ({@link CnnDiscriminator#scoreRelaxedTokens}) against the reference
 * that scores every variant as a full sequence ({@link RelaxedTokenScores#fullSequences}): logits and input gradients,
 * float64 and float32, at every relaxed position (the first, widths longer than the prefix, the last), with the
 * parameters scaled so that the arg-max windows move between prefix, relaxed and PAD windows; the Vector API kernels
 * give the scalar loops' numbers bit for bit. A control: a wrong table offset is caught.
 */
class RelaxedTokenScoresTest {
    private static final int V = 7;
    private static final int T = 9;
    private static final int B = 5;

    /** A discriminator with scaled-up weights and random variants of random sequences, with a logit gradient. */
    private record Case(CnnDiscriminator d, int[] ids, int[] seq, int[] pos, Mat relaxed, Mat dLogits) {
    }

    private static Case setUp(Precision precision, long seed, int filters, boolean vectorKernels) {
        CnnDiscriminator d = new CnnDiscriminator(
                new CnnDiscriminatorConfig(V, 6, List.of(2, 3, 5), filters, 0.25, seed), precision);
        d.useVectorKernels(vectorKernels);
        for (var p : d.parameters().list()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, 2.5 * p.value().get(i));
            }
        }
        d.setTraining(false);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] ids = new int[T * B];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(V);
        }
        int n = B * T;
        int[] seq = new int[n];
        int[] pos = new int[n];
        Mat relaxed = Mat.zeros(precision, n, V);
        for (int i = 0; i < n; i++) {
            seq[i] = i % B;
            pos[i] = i / B;
            double sum = 0;
            double[] row = new double[V];
            for (int j = 0; j < V; j++) {
                row[j] = Math.exp(3 * rng.nextGaussian());
                sum += row[j];
            }
            for (int j = 0; j < V; j++) {
                relaxed.set(i * V + j, row[j] / sum);
            }
        }
        Mat dLogits = Mat.zeros(precision, n, 1);
        for (int i = 0; i < n; i++) {
            dLogits.set(i, rng.nextGaussian());
        }
        return new Case(d, ids, seq, pos, relaxed, dLogits);
    }

    private static double[] compare(Precision precision, long seed) {
        Case c = setUp(precision, seed, 8, true);
        CnnDiscriminator d = c.d();
        int[] ids = c.ids();
        int[] seq = c.seq();
        int[] pos = c.pos();
        Mat relaxed = c.relaxed();
        Mat dLogits = c.dLogits();
        int n = B * T;
        RelaxedTokenScores fast = d.scoreRelaxedTokens(ids, B, seq, pos, relaxed);
        Mat fastLogits = fast.logits().copy();
        Mat fastGrad = fast.inputGradient(dLogits);
        RelaxedTokenScores full = RelaxedTokenScores.fullSequences(d, ids, B, seq, pos, relaxed);
        Mat fullLogits = full.logits().copy();
        Mat fullGrad = full.inputGradient(dLogits);
        double logitDiff = 0;
        double gradDiff = 0;
        double gradScale = 0;
        for (int i = 0; i < n; i++) {
            logitDiff = Math.max(logitDiff, Math.abs(fastLogits.get(i) - fullLogits.get(i)));
        }
        for (int i = 0; i < n * V; i++) {
            gradDiff = Math.max(gradDiff, Math.abs(fastGrad.get(i) - fullGrad.get(i)));
            gradScale = Math.max(gradScale, Math.abs(fullGrad.get(i)));
        }
        return new double[] {logitDiff, gradDiff / gradScale, gradScale};
    }

    @Test
    void theFastPathEqualsScoringFullSequences() {
        for (long seed = 1; seed <= 3; seed++) {
            double[] f64 = compare(Precision.FLOAT64, seed);
            double[] f32 = compare(Precision.FLOAT32, seed);
            System.out.printf("seed %d: float64 logits %.2g, gradient %.2g rel.; float32 %.2g, %.2g%n", seed, f64[0],
                    f64[1], f32[0], f32[1]);
            assertTrue(f64[2] > 1e-3, "the gradient is not trivially zero");
            assertEquals(0, f64[0], 1e-12, "float64 logits");
            assertEquals(0, f64[1], 1e-12, "float64 input gradient");
            assertEquals(0, f32[0], 1e-4, "float32 logits");
            assertEquals(0, f32[1], 1e-4, "float32 input gradient");
        }
    }

    @Test
    void theVectorKernelsGiveTheScalarLoopsNumbers() {
        assumeTrue(Simd.ENABLED, "the Vector API module is not in the boot layer");
        // 11 filters: the window maximum runs both vector lanes and its scalar tail
        Case on = setUp(Precision.FLOAT32, 7, 11, true);
        Case off = setUp(Precision.FLOAT32, 7, 11, false);
        assertTrue(on.d().vectorKernels() && !off.d().vectorKernels());
        RelaxedTokenScores a = on.d().scoreRelaxedTokens(on.ids(), B, on.seq(), on.pos(), on.relaxed());
        double[] aLogits = a.logits().toDoubleArray();
        double[] aGrad = a.inputGradient(on.dLogits()).toDoubleArray();
        RelaxedTokenScores b = off.d().scoreRelaxedTokens(off.ids(), B, off.seq(), off.pos(), off.relaxed());
        assertArrayEquals(b.logits().toDoubleArray(), aLogits, 0.0);
        assertArrayEquals(b.inputGradient(off.dLogits()).toDoubleArray(), aGrad, 0.0);
        assertTrue(java.util.Arrays.stream(aGrad).anyMatch(g -> g != 0), "the gradient is not trivially zero");
    }

    @Test
    void aShiftedRelaxedPositionIsCaught() {
        CnnDiscriminator d = new CnnDiscriminator(new CnnDiscriminatorConfig(V, 6, List.of(2, 3), 8, 0.25, 4),
                Precision.FLOAT64);
        d.setTraining(false);
        int[] ids = new int[T * B];
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(V);
        }
        Mat relaxed = Mat.zeros(Precision.FLOAT64, B, V);
        for (int i = 0; i < B; i++) {
            relaxed.set(i * V + i % V, 1.0);
        }
        int[] seq = {0, 1, 2, 3, 4};
        Mat fast = d.scoreRelaxedTokens(ids, B, seq, new int[] {4, 4, 4, 4, 4}, relaxed).logits().copy();
        Mat wrong = RelaxedTokenScores.fullSequences(d, ids, B, seq, new int[] {5, 5, 5, 5, 5}, relaxed).logits();
        double diff = 0;
        for (int i = 0; i < B; i++) {
            diff = Math.max(diff, Math.abs(fast.get(i) - wrong.get(i)));
        }
        assertTrue(diff > 1e-6, "a variant relaxed one position later scores differently: " + diff);
    }
}
