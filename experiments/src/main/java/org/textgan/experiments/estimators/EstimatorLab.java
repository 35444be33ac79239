package org.textgan.experiments.estimators;

import org.textgan.common.Seeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the measurement: for every problem, every estimator and (for temperature-dependent ones) every
 * temperature, warm the estimator up, draw N estimates at the problem's parameter point, and compare them with the
 * exact gradient by enumeration.
 */
public final class EstimatorLab {
    private static final Logger LOG = LoggerFactory.getLogger(EstimatorLab.class);

    private final EstimatorLabConfig config;

    /** @param config what to measure */
    public EstimatorLab(EstimatorLabConfig config) {
        this.config = config;
    }

    /** @return the configuration */
    public EstimatorLabConfig config() {
        return config;
    }

    /**
     * Measures everything the configuration asks for.
     *
     * @return the table, one row per (problem, estimator, tau)
     */
    public EstimatorTable run() {
        List<EstimatorResult> rows = new ArrayList<>();
        for (ProblemSpec spec : config.problems()) {
            ToyProblem problem = spec.build();
            double[] theta = problem.initialParameters();
            double[] exact = problem.exactGradient(theta);
            for (EstimatorKind kind : config.estimators()) {
                List<Double> taus = kind.tauDependent() ? config.taus() : List.of(Double.NaN);
                for (double tau : taus) {
                    GradientEstimator estimator = kind.create(problem, tau, config);
                    long seed = rowSeed(config.seed(), problem.name(), estimator.name());
                    DrawStatistics stats = measure(estimator, theta, exact, config.warmUpDraws(), config.draws(),
                            seed);
                    EstimatorResult row = EstimatorResult.of(problem.name(), estimator, estimator.name(), stats,
                            config.warmUpDraws(), seed);
                    LOG.info("{} {} tau={} bias={} (floor {}) log10var={} mse={}", row.problem(), row.estimator(),
                            row.tau(), row.bias(), row.biasNoiseFloor(), row.log10Variance(), row.mse());
                    rows.add(row);
                }
            }
        }
        return new EstimatorTable(rows);
    }

    /**
     * Runs the measurement and writes its outputs into {@code dir}: {@code estimators.csv} and
     * {@code estimators.json} ({@link EstimatorTable#writeTo}) and, if asked, the SVG plots ({@link EstimatorPlots}).
     * Every file is written atomically.
     *
     * @param dir the output directory (created if needed)
     * @param plots whether to write the SVG plots as well
     * @return the table
     * @throws IOException if writing fails
     */
    public EstimatorTable runAndWrite(Path dir, boolean plots) throws IOException {
        EstimatorTable table = run();
        table.writeTo(dir);
        if (plots) {
            EstimatorPlots.writeSvg(table, dir);
        }
        LOG.info("wrote the estimator table{} to {}", plots ? " and plots" : "", dir);
        return table;
    }

    /**
     * Warms an estimator up, then draws and summarises N estimates. The warm-up and the measurement use independent
     * streams split from {@code seed}, so changing the warm-up length does not change the measured noise.
     *
     * @param estimator the estimator (reset first)
     * @param theta the parameter point
     * @param exact the exact gradient there
     * @param warmUpDraws adaptation draws
     * @param draws measured draws N
     * @param seed the stream's seed
     * @return the statistics of the N draws
     */
    public static DrawStatistics measure(GradientEstimator estimator, double[] theta, double[] exact, int warmUpDraws,
                                         int draws, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom warm = root.split();
        SplittableRandom measureRng = root.split();
        estimator.reset();
        estimator.warmUp(theta, warm, warmUpDraws);
        double[][] samples = new double[draws][theta.length];
        for (int n = 0; n < draws; n++) {
            estimator.estimate(theta, measureRng, samples[n]);
        }
        return DrawStatistics.of(samples, exact);
    }

    /**
     * The seed of one row's stream: a hash of the master seed, the problem and the estimator's name, independent of
     * the temperature (common random numbers across the grid).
     *
     * @param master master seed
     * @param problem problem name
     * @param estimator estimator name
     * @return the derived seed
     */
    public static long rowSeed(long master, String problem, String estimator) {
        long h = Seeds.derive(master, 0);
        for (byte b : (problem + "/" + estimator).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        return new SplittableRandom(h).nextLong();
    }
}
