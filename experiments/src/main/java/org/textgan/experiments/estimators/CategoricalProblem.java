package org.textgan.experiments.estimators;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.textgan.generator.relax.GumbelMax;
import org.textgan.generator.relax.GumbelSoftmax;
import org.textgan.tensor.Activations;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/**
 * One categorical variable with K classes and logits {@code theta} (K parameters), {@code p = softmax(theta)}.
 *
 * <p>Reward: a seeded table {@code r_k ~ U[0, 1)} and a target {@code t}; {@code f(e_k) = (r_k - t)^2}. Relaxed
 * reward: {@code f~(y) = (r . y - t)^2}, the square of the linear extension. It agrees with {@code f} on the
 * vertices of the simplex but is convex and non-linear inside it: a soft sample whose mixed reward {@code r . y} lands
 * near {@code t} scores about 0 although every vertex scores {@code (r_k - t)^2 > 0}. With a linear {@code f~} the
 * Gumbel-Softmax bias would come only from {@code E[y] != p}; the quadratic term adds the Jensen gap of a curved
 * extension, the situation of a discriminator that is a non-linear function of its soft input. Its gradient is
 * {@code d f~ / d y_k = 2 (r . y - t) r_k}.
 *
 * <p>With the target inside the range of the rewards (default 0.45) and all rewards positive, plain REINFORCE has a
 * large variance (no baseline removes the common offset), which is what control variates are for.
 */
public final class CategoricalProblem implements ToyProblem {
    private final Spec spec;
    private final double[] rewards;
    private final double[] theta0;
    private final Mat logits;
    private final Mat noise;
    private final Mat soft;
    private final Mat hard;
    private final Mat dSoft;
    private final Mat dLogits;
    private final int[] index = new int[1];

    /**
     * How to build a categorical problem.
     *
     * @param classes K, at least 2
     * @param target the target {@code t} of the quadratic reward
     * @param seed seeds the reward table and the parameter point ({@code theta_k ~ N(0, 1)})
     */
    public record Spec(int classes, double target, long seed) implements ProblemSpec {
        /**
         * Validates.
         *
         * @param classes K
         * @param target t
         * @param seed seed
         */
        public Spec {
            if (classes < 2) {
                throw new IllegalArgumentException("need at least 2 classes, got " + classes);
            }
        }

        /** @return K = 5, t = 0.45, seed 42 */
        public static Spec defaults() {
            return new Spec(5, 0.45, 42);
        }

        @Override
        public CategoricalProblem build() {
            return new CategoricalProblem(this);
        }
    }

    /**
     * Builds the problem.
     *
     * @param spec the description
     */
    public CategoricalProblem(Spec spec) {
        this.spec = spec;
        int k = spec.classes();
        SplittableRandom rng = new SplittableRandom(spec.seed());
        this.rewards = new double[k];
        for (int i = 0; i < k; i++) {
            rewards[i] = rng.nextDouble();
        }
        this.theta0 = new double[k];
        for (int i = 0; i < k; i++) {
            theta0[i] = rng.nextGaussian();
        }
        this.logits = Mat.zeros(Precision.FLOAT64, 1, k);
        this.noise = Mat.zeros(Precision.FLOAT64, 1, k);
        this.soft = Mat.zeros(Precision.FLOAT64, 1, k);
        this.hard = Mat.zeros(Precision.FLOAT64, 1, k);
        this.dSoft = Mat.zeros(Precision.FLOAT64, 1, k);
        this.dLogits = Mat.zeros(Precision.FLOAT64, 1, k);
    }

    /** @return the description this problem was built from */
    public Spec spec() {
        return spec;
    }

    @Override
    public String name() {
        return "categorical-k" + spec.classes();
    }

    @Override
    public int parameterCount() {
        return spec.classes();
    }

    @Override
    public int length() {
        return 1;
    }

    @Override
    public int categories() {
        return spec.classes();
    }

    @Override
    public double[] initialParameters() {
        return theta0.clone();
    }

    /** @return a copy of the reward table {@code r} */
    public double[] rewardTable() {
        return rewards.clone();
    }

    /**
     * @param k a class
     * @return {@code f(e_k) = (r_k - t)^2}
     */
    public double reward(int k) {
        double d = rewards[k] - spec.target();
        return d * d;
    }

    @Override
    public double reward(int[] x) {
        return reward(x[0]);
    }

    @Override
    public double relaxedReward(double[] y, double[] dy) {
        double s = 0;
        for (int k = 0; k < rewards.length; k++) {
            s += rewards[k] * y[k];
        }
        double d = s - spec.target();
        if (dy != null) {
            for (int k = 0; k < rewards.length; k++) {
                dy[k] = 2 * d * rewards[k];
            }
        }
        return d * d;
    }

    /**
     * The class probabilities {@code softmax(theta)} (the relax kernel at temperature 1 without noise).
     *
     * @param theta logits
     * @param p receives the K probabilities
     */
    public void probabilities(double[] theta, double[] p) {
        MatArrays.load(logits, theta);
        GumbelSoftmax.forward(logits, null, 1.0, soft);
        MatArrays.store(soft, p);
    }

    @Override
    public int logitOffset(int t, int[] prefix) {
        return 0;
    }

    @Override
    public double logProbability(double[] theta, int[] x, double[] grad) {
        double lse = Activations.logSumExp(theta, 0, theta.length);
        if (grad != null) {
            for (int k = 0; k < theta.length; k++) {
                grad[k] += (k == x[0] ? 1.0 : 0.0) - Math.exp(theta[k] - lse);
            }
        }
        return theta[x[0]] - lse;
    }

    @Override
    public void sample(double[] theta, SplittableRandom rng, int[] x) {
        MatArrays.load(logits, theta);
        GumbelMax.sample(logits, 1.0, rng, index);
        x[0] = index[0];
    }

    @Override
    public double relaxedSample(double[] theta, double[] gumbel, double tau, boolean straightThrough,
                                double[] grad) {
        int k = spec.classes();
        MatArrays.load(logits, theta);
        MatArrays.load(noise, gumbel);
        GumbelSoftmax.forward(logits, noise, tau, soft);
        double[] in = new double[k];
        if (straightThrough) {
            GumbelSoftmax.hard(soft, hard, null);
            MatArrays.store(hard, in);
        } else {
            MatArrays.store(soft, in);
        }
        double[] dIn = grad == null ? null : new double[k];
        double value = relaxedReward(in, dIn);
        if (grad != null) {
            MatArrays.load(dSoft, dIn);
            dLogits.zero();
            GumbelSoftmax.backward(soft, dSoft, tau, dLogits);
            MatArrays.store(dLogits, grad);
        }
        return value;
    }

    @Override
    public String toString() {
        return name() + " r=" + Arrays.toString(rewards) + " t=" + spec.target();
    }
}
