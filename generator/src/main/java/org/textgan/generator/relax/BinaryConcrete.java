package org.textgan.generator.relax;

import org.textgan.tensor.Activations;
import org.textgan.tensor.Mat;

/**
 * The binary Concrete relaxation of a Bernoulli variable with log-odds {@code a}: {@code y = Activations.sigmoid((a + L) / tau)}
 * with standard logistic noise {@code L}. As {@code tau -> 0}, {@code y} tends to the exact Bernoulli sample
 * {@code [a + L > 0]}, which has probability {@code Activations.sigmoid(a)}. This is the two-class case of the Gumbel-Softmax,
 * using one variable instead of two.
 */
public final class BinaryConcrete {
    private BinaryConcrete() {
    }

    /**
     * {@code y = Activations.sigmoid((a + noise) / tau)} element-wise, computed without overflow.
     *
     * @param logOdds log-odds {@code a}
     * @param noise standard logistic noise of the same shape, or null for none
     * @param tau temperature, positive
     * @param y output of the same shape
     */
    public static void forward(Mat logOdds, Mat noise, double tau, Mat y) {
        GumbelMax.requirePositive(tau);
        int n = logOdds.size();
        for (int i = 0; i < n; i++) {
            double z = (logOdds.get(i) + (noise == null ? 0 : noise.get(i))) / tau;
            y.set(i, Activations.sigmoid(z));
        }
    }

    /**
     * Accumulates {@code dL/da += dL/dy * y (1 - y) / tau}.
     *
     * @param y the relaxed sample from {@link #forward}
     * @param dy upstream gradient
     * @param tau the temperature used in the forward pass
     * @param dLogOdds accumulator
     */
    public static void backward(Mat y, Mat dy, double tau, Mat dLogOdds) {
        int n = y.size();
        for (int i = 0; i < n; i++) {
            double yi = y.get(i);
            dLogOdds.add(i, dy.get(i) * yi * (1 - yi) / tau);
        }
    }

}
