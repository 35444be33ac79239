package org.textgan.experiments.estimators;

import java.util.List;
import java.util.SplittableRandom;
import org.textgan.tensor.Adam;
import org.textgan.tensor.AdamConfig;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * RELAX (Grathwohl et al. 2018) on a {@link ToyProblem}, per token, with a learned control variate that is linear in
 * its parameters {@code phi = (eta, rho)}, {@code rho} one weight per parameter (per class on the categorical problem,
 * per (context row, class) on sequences):
 * <pre>
 *   c_phi,t(z_t) = eta c_t(z_t) + rho[off_t .. off_t + K) . softmax(z_t / lambda),
 *   g_hat        = sum_t [(f(b) - c_phi,t(z~_t)) grad log p(b_t | b_&lt;t) + grad c_phi,t(z_t) - grad c_phi,t(z~_t)],
 * </pre>
 * with REBAR's {@code c_t} and {@code off_t} the offset of token t's logits ({@link ConcreteControlVariate}).
 * The estimator is unbiased for every {@code phi} ({@link ConcreteControlVariate}), so minimising its variance is
 * minimising {@code E|g_hat|^2}. Because {@code g_hat = base + sum_m phi_m term_m} is affine in {@code phi}, the exact
 * gradient of the single-draw objective is {@code d |g_hat|^2 / d phi_m = 2 g_hat . term_m}: {@link #warmUp} trains
 * {@code phi} with Adam on mini-batch averages of it, and {@link #estimate} uses {@code phi} frozen. Initial value:
 * {@code eta = 1, rho = 0} (REBAR with {@code eta = 1}); {@code lambda} is fixed (learning it would make the
 * estimator non-affine in its parameters).
 */
public final class RelaxEstimator extends ConcreteControlVariateEstimator {
    private final AdamConfig adamConfig;
    private final int batch;
    private final double[][] terms;
    private final Parameter phi;
    private final ParameterSet phiSet;
    private Adam adam;

    /**
     * @param problem the problem
     * @param lambda the control variate's temperature
     * @param learningRate Adam's step size for {@code phi}
     * @param batch draws averaged per Adam step, at least 1
     * @param coupled whether {@code z~} reuses the noise of {@code z} ({@link ConcreteControlVariate})
     */
    public RelaxEstimator(ToyProblem problem, double lambda, double learningRate, int batch, boolean coupled) {
        super(problem, lambda, coupled);
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive, got " + batch);
        }
        this.adamConfig = AdamConfig.of(learningRate);
        this.batch = batch;
        this.terms = new double[controlVariate.fullBasisSize()][problem.parameterCount()];
        this.phi = Parameter.zeros("phi", Precision.FLOAT64, 1, controlVariate.fullBasisSize());
        this.phiSet = new ParameterSet(List.of(phi));
        reset();
    }

    @Override
    public String name() {
        return controlVariate.coupled() ? "relax-coupled" : "relax";
    }

    /** @return a copy of the control variate's parameters {@code (eta, rho)} */
    public double[] phi() {
        return phi.value().toDoubleArray();
    }

    @Override
    public void estimate(double[] theta, SplittableRandom rng, double[] out) {
        controlVariate.draw(theta, rng, out, terms);
        Mat w = phi.value();
        for (int m = 0; m < terms.length; m++) {
            double c = w.get(m);
            for (int i = 0; i < out.length; i++) {
                out[i] += c * terms[m][i];
            }
        }
    }

    @Override
    public void warmUp(double[] theta, SplittableRandom rng, int draws) {
        double[] g = new double[problem.parameterCount()];
        Mat grad = phi.grad();
        int inBatch = 0;
        grad.zero();
        for (int n = 0; n < draws; n++) {
            estimate(theta, rng, g);
            for (int m = 0; m < terms.length; m++) {
                double dot = 0;
                for (int i = 0; i < g.length; i++) {
                    dot += g[i] * terms[m][i];
                }
                grad.add(m, 2 * dot / batch);
            }
            if (++inBatch == batch) {
                adam.update();
                grad.zero();
                inBatch = 0;
            }
        }
    }

    @Override
    public void reset() {
        phi.value().zero();
        phi.value().set(0, 1.0);
        phi.grad().zero();
        adam = new Adam(phiSet, adamConfig);
    }
}
