package org.textgan.spark.sync;

/**
 * Adam (Kingma and Ba) with bias correction, in double precision. Holds its moment estimates; one instance per
 * training run.
 */
public final class Adam implements OptimizerStep {

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private double[] m;
    private double[] v;
    private long t;

    /**
     * @param lr    the learning rate
     * @param beta1 first-moment decay, for example 0.9
     * @param beta2 second-moment decay, for example 0.999
     * @param eps   denominator offset, for example 1e-8
     */
    public Adam(double lr, double beta1, double beta2, double eps) {
        if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("invalid Adam settings lr=" + lr + " beta1=" + beta1 + " beta2="
                    + beta2 + " eps=" + eps);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    public void apply(double[] params, double[] g, long step) {
        if (m == null) {
            m = new double[params.length];
            v = new double[params.length];
        } else if (m.length != params.length) {
            throw new IllegalArgumentException("parameter count changed from " + m.length + " to " + params.length);
        }
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < params.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            params[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
        }
    }
}
