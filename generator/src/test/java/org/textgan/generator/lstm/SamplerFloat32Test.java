package org.textgan.generator.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.textgan.common.TokenIds;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/** The float32 sampler's fast Gumbel-Max path. */
class SamplerFloat32Test {
    /** Same seed, same noise: the float32 sampler and the float32 hard-feedback rollout draw the same sequences. */
    @Test
    void float32SamplerMatchesTheHardFeedbackRollout() {
        CharLstmGenerator g = new CharLstmGenerator(GeneratorConsistencyTest.small(Precision.FLOAT32));
        for (long seed = 1; seed <= 5; seed++) {
            int[] sampled = g.sampler(6).sampleIds(1.0, new SplittableRandom(seed));
            Rollout hard = g.rollout(6);
            hard.forward(new RolloutConfig(1.0, Feedback.HARD, false), new SplittableRandom(seed));
            assertArrayEquals(hard.ids(), sampled, "seed " + seed);
        }
    }

    /**
     * The first symbol's frequencies over 40,000 draws at sampling temperature 0.6 match softmax(logits / 0.6), every
     * symbol within 4.5 standard errors, with V = 5000 style wide rows replaced by an 11-symbol model whose
     * probabilities can be checked one by one.
     */
    @Test
    void float32SamplesFollowTheTemperedSoftmax() {
        CharLstmGenerator g = new CharLstmGenerator(GeneratorConsistencyTest.small(Precision.FLOAT32));
        int batch = 200;
        double temperature = 0.6;
        Sampler s = g.sampler(batch);
        s.reset();
        int[] bos = new int[batch];
        java.util.Arrays.fill(bos, TokenIds.BOS);
        Mat logits = s.step(bos);
        int v = logits.cols();
        double[] p = new double[v];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < v; j++) {
            max = Math.max(max, logits.get(0, j) / temperature);
        }
        double z = 0;
        for (int j = 0; j < v; j++) {
            p[j] = Math.exp(logits.get(0, j) / temperature - max);
            z += p[j];
        }
        long[] counts = new long[v];
        SplittableRandom rng = new SplittableRandom(3);
        int rounds = 200;
        for (int r = 0; r < rounds; r++) {
            int[] ids = s.sampleIds(temperature, rng);
            for (int b = 0; b < batch; b++) {
                counts[ids[b]]++; // the first step of every sequence: T-major, step 0
            }
        }
        double n = (double) rounds * batch;
        double minP = 1;
        for (int j = 0; j < v; j++) {
            double pj = p[j] / z;
            minP = Math.min(minP, pj);
            double se = Math.sqrt(pj * (1 - pj) / n);
            assertEquals(pj, counts[j] / n, 4.5 * se, "symbol " + j);
        }
        assertTrue(minP > 0.005, "every symbol is tested with some power: min p " + minP);
    }
}
