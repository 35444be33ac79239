package org.textgan.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/**
 * The discriminator's accuracy statistic ({@code d_accuracy} of {@code metrics.jsonl}) equals a hand count of D's
 * outputs classified correctly (D(real) &gt; 0.5, D(fake) &lt; 0.5; an output of exactly 0.5 counts as wrong on both
 * halves), and summing it over chunks of the batch gives the count over the whole batch exactly, so the data-parallel
 * sum agrees with one process.
 */
class DiscriminatorAccuracyTest {
    private static final int VOCAB = 3;

    /** A paired batch of {@code real.length} rows (one logit per sequence) holding the given logits. */
    private static PairedBatch batch(double[] real, double[] fake) {
        int b = real.length;
        PairedBatch pb = new PairedBatch(b, 2, VOCAB, false, Precision.FLOAT64);
        double[] merged = new double[2 * b];
        System.arraycopy(real, 0, merged, 0, b);
        System.arraycopy(fake, 0, merged, b, b);
        pb.splitLogits(Mat.of(Precision.FLOAT64, 2 * b, 1, merged));
        return pb;
    }

    private static double accuracyStatistic(PairedBatch pb) {
        double[] out = new double[GeneratorEstimator.STATS];
        GumbelEstimator.statistics(out, 0, pb, 0.0);
        return out[GeneratorEstimator.ACCURACY];
    }

    @Test
    void accuracyIsTheHandCountOfCorrectlyClassifiedExamples() {
        // real: 1.5 and 2.0 are right, -0.3 and 0.0 (D = 0.5) wrong; fake: -2.0, -0.7, -0.01 right, 0.0 wrong: 5 of 8
        double[] real = {1.5, -0.3, 0.0, 2.0};
        double[] fake = {-2.0, -0.7, -0.01, 0.0};
        assertEquals(5.0 / 8, accuracyStatistic(batch(real, fake)) / 4, 0.0, "summed over rows, divided by B");
        // two chunks of two rows: 3 of 4 right in the first, 2 of 4 in the second; their sum over B is the same count
        double chunks = accuracyStatistic(batch(new double[] {1.5, -0.3}, new double[] {-2.0, -0.7}))
                + accuracyStatistic(batch(new double[] {0.0, 2.0}, new double[] {-0.01, 0.0}));
        assertEquals(0.75 * 2, accuracyStatistic(batch(new double[] {1.5, -0.3}, new double[] {-2.0, -0.7})), 0.0);
        assertEquals(5.0 / 8, chunks / 4, 0.0, "the chunks' sum is the whole batch's");
    }

    @Test
    void aPerStepDiscriminatorCountsEveryOutput() {
        int b = 2;
        int steps = 3;
        PairedBatch pb = new PairedBatch(b, steps, VOCAB, true, Precision.FLOAT64);
        double[] logits = new double[steps * 2 * b];
        // step t: real rows at t*2B + row, fake rows at t*2B + B + row
        double[][] real = {{0.4, -1.0}, {3.0, 0.2}, {-0.5, 0.1}}; // 4 of 6 above 0
        double[][] fake = {{-0.4, 1.0}, {-3.0, -0.2}, {0.5, 0.3}}; // 3 of 6 below 0
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < b; r++) {
                logits[t * 2 * b + r] = real[t][r];
                logits[t * 2 * b + b + r] = fake[t][r];
            }
        }
        pb.splitLogits(Mat.of(Precision.FLOAT64, steps * 2 * b, 1, logits));
        assertEquals(7.0 / 12, accuracyStatistic(pb) / b, 1e-15);
    }
}
