package org.textgan.discriminator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.textgan.tensor.GradientCheck;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.Precision;

/** Shared fixtures: random soft and one-hot inputs, gradient-check assertions. */
final class TestData {
    private TestData() {
    }

    /** Rows of positive random values normalised to sum 1, like Gumbel-Softmax output. */
    static Mat softRows(Precision p, int rows, int vocab, SplittableRandom rng) {
        Mat x = Mat.zeros(p, rows, vocab);
        for (int r = 0; r < rows; r++) {
            double s = 0;
            double[] v = new double[vocab];
            for (int j = 0; j < vocab; j++) {
                v[j] = Math.exp(2 * rng.nextGaussian());
                s += v[j];
            }
            for (int j = 0; j < vocab; j++) {
                x.set(r, j, v[j] / s);
            }
        }
        return x;
    }

    static int[] randomIds(int n, int vocab, SplittableRandom rng) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = rng.nextInt(vocab);
        }
        return ids;
    }

    static Mat oneHot(Precision p, int[] ids, int vocab) {
        Mat x = Mat.zeros(p, ids.length, vocab);
        for (int r = 0; r < ids.length; r++) {
            x.set(r, ids[r], 1.0);
        }
        return x;
    }

    /** Wraps an input as a parameter so that the gradient check perturbs it too. */
    static Parameter asParameter(String name, Mat x) {
        return new Parameter(name, x, Mat.zeros(x.precision(), x.rows(), x.cols()));
    }

    static List<Parameter> with(List<Parameter> params, Parameter... extra) {
        List<Parameter> all = new ArrayList<>(params);
        all.addAll(List.of(extra));
        return all;
    }

    /** Fails with the full report unless every tensor's worst relative error is below the bound. */
    static void assertGradientsMatch(List<GradientCheck.Result> results, double bound) {
        StringBuilder bad = new StringBuilder();
        for (GradientCheck.Result r : results) {
            if (!(r.maxRelativeError() < bound) || r.checked() == 0) {
                bad.append(r).append('\n');
            }
        }
        if (bad.length() > 0) {
            throw new AssertionError("gradient check failed (bound " + bound + "):\n" + bad + "all: " + results);
        }
    }
}
