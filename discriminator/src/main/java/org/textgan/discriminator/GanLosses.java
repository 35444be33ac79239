package org.textgan.discriminator;

import org.textgan.tensor.Activations;
import org.textgan.tensor.Mat;

/**
 * Numerically stable GAN losses on discriminator logits, each returning the loss value and writing its gradient with
 * respect to the logits. Every loss is a mean over the logits it is given (over the batch, or over batch and time for
 * per-step logits). Gradient matrices are overwritten; pass {@code null} for one that is not needed.
 *
 * <p>Stability: {@code BCE(z, y) = max(z, 0) - z*y + log(1 + exp(-|z|))} never exponentiates a positive number, and
 * the gradient {@code Activations.sigmoid(z) - y} uses the branch of the sigmoid that cannot overflow, so logits of any finite
 * magnitude give finite values and gradients.
 */
public final class GanLosses {
    private GanLosses() {
    }

    /**
     * @param z any real
     * @return {@code log(1 + exp(z))}, without overflow or loss of precision for large |z|
     */
    public static double softplus(double z) {
        return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /**
     * Binary cross-entropy of {@code Activations.sigmoid(z)} against label {@code y}: {@code -y log s - (1-y) log(1-s)}.
     *
     * @param z the logit
     * @param y the label (usually 0 or 1; any value in [0, 1] is allowed)
     * @return the loss
     */
    public static double bceWithLogits(double z, double y) {
        return Math.max(z, 0.0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /**
     * Mean sigmoid cross-entropy of all logits against one label.
     *
     * @param logits the logits (any shape)
     * @param label the target, 1 for real and 0 for fake
     * @param grad receives {@code dL/dlogits = (Activations.sigmoid(z) - label) / n}, same size as {@code logits}; may be null
     * @return the mean loss
     */
    public static double sigmoidCrossEntropy(Mat logits, double label, Mat grad) {
        int n = checkGrad(logits, grad);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double z = logits.get(i);
            sum += bceWithLogits(z, label);
            if (grad != null) {
                grad.set(i, (Activations.sigmoid(z) - label) / n);
            }
        }
        return sum / n;
    }

    /**
     * The standard discriminator loss {@code mean BCE(d_real, 1) + mean BCE(d_fake, 0)}.
     *
     * @param realLogits logits of real data
     * @param fakeLogits logits of generated data (any size)
     * @param gradReal receives the gradient w.r.t. {@code realLogits}, or null
     * @param gradFake receives the gradient w.r.t. {@code fakeLogits}, or null
     * @return the loss
     */
    public static double discriminatorLoss(Mat realLogits, Mat fakeLogits, Mat gradReal, Mat gradFake) {
        return sigmoidCrossEntropy(realLogits, 1.0, gradReal) + sigmoidCrossEntropy(fakeLogits, 0.0, gradFake);
    }

    /**
     * The non-saturating generator loss {@code mean BCE(d_fake, 1) = mean softplus(-d_fake)}.
     *
     * @param fakeLogits logits of generated data
     * @param gradFake receives the gradient w.r.t. {@code fakeLogits}, or null
     * @return the loss
     */
    public static double nonSaturatingGeneratorLoss(Mat fakeLogits, Mat gradFake) {
        return sigmoidCrossEntropy(fakeLogits, 1.0, gradFake);
    }

    /**
     * RelGAN's relativistic standard discriminator loss {@code mean_i BCE(Activations.sigmoid(r_i - f_i), 1)
     * = mean_i softplus(f_i - r_i)}; real and fake logits are paired element by element.
     *
     * @param realLogits logits of real data
     * @param fakeLogits logits of generated data, the same size
     * @param gradReal receives the gradient w.r.t. {@code realLogits}, or null
     * @param gradFake receives the gradient w.r.t. {@code fakeLogits}, or null
     * @return the loss
     */
    public static double rsganDiscriminatorLoss(Mat realLogits, Mat fakeLogits, Mat gradReal, Mat gradFake) {
        return relativistic(realLogits, fakeLogits, gradReal, gradFake);
    }

    /**
     * RelGAN's relativistic standard generator loss {@code mean_i BCE(Activations.sigmoid(f_i - r_i), 1)
     * = mean_i softplus(r_i - f_i)}.
     *
     * @param realLogits logits of real data
     * @param fakeLogits logits of generated data, the same size
     * @param gradReal receives the gradient w.r.t. {@code realLogits}, or null
     * @param gradFake receives the gradient w.r.t. {@code fakeLogits}, or null
     * @return the loss
     */
    public static double rsganGeneratorLoss(Mat realLogits, Mat fakeLogits, Mat gradReal, Mat gradFake) {
        return relativistic(fakeLogits, realLogits, gradFake, gradReal);
    }

    /**
     * Fraction of logits on the correct side of zero ({@code > 0} counts as "real").
     *
     * @param logits the logits
     * @param real whether they belong to real data
     * @return the accuracy in [0, 1]
     */
    public static double accuracy(Mat logits, boolean real) {
        int n = logits.size();
        int ok = 0;
        for (int i = 0; i < n; i++) {
            if ((logits.get(i) > 0) == real) {
                ok++;
            }
        }
        return (double) ok / n;
    }

    /** mean softplus(-(a - b)), the BCE of Activations.sigmoid(a - b) against 1, with gradients for a and b. */
    private static double relativistic(Mat a, Mat b, Mat gradA, Mat gradB) {
        int n = checkGrad(a, gradA);
        if (b.size() != n) {
            throw new IllegalArgumentException("relativistic losses pair logits: " + n + " vs " + b.size());
        }
        checkGrad(b, gradB);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double diff = a.get(i) - b.get(i);
            sum += softplus(-diff);
            double g = (Activations.sigmoid(diff) - 1.0) / n;
            if (gradA != null) {
                gradA.set(i, g);
            }
            if (gradB != null) {
                gradB.set(i, -g);
            }
        }
        return sum / n;
    }

    private static int checkGrad(Mat logits, Mat grad) {
        int n = logits.size();
        if (n == 0) {
            throw new IllegalArgumentException("no logits");
        }
        if (grad != null && grad.size() != n) {
            throw new IllegalArgumentException("gradient has " + grad.size() + " elements for " + n + " logits");
        }
        return n;
    }
}
