package org.textgan.experiments.estimators;

import java.util.List;

/**
 * What the estimator lab measures.
 *
 * @param problems the toy problems
 * @param estimators the estimators (each measured on every problem)
 * @param taus the temperature grid for temperature-dependent estimators (for REBAR and RELAX: lambda)
 * @param draws N, the number of estimates per (problem, estimator, tau) row
 * @param warmUpDraws draws spent adapting stateful estimators before the N measured ones
 * @param seed the master seed; each row's stream is derived from it, the problem and the estimator's name only, so
 *        that all temperatures of one estimator share their random numbers (common random numbers)
 * @param rlooSamples S for the leave-one-out baseline
 * @param emaDecay decay of the moving-average baseline
 * @param rebarEta REBAR's fixed control-variate scale (and the tuned variant's initial value)
 * @param relaxLearningRate Adam's step size for RELAX's control-variate parameters
 * @param relaxBatch draws per RELAX Adam step
 * @param coupledResampling whether REBAR and RELAX re-sample {@code z~ ~ p(z | b)} with the noise that reproduces
 *        {@code z} (names {@code rebar-coupled}, {@code relax-coupled}) or with fresh noise (names {@code rebar},
 *        {@code relax}; the default); see {@link ConcreteControlVariate}
 */
public record EstimatorLabConfig(List<ProblemSpec> problems, List<EstimatorKind> estimators, List<Double> taus,
                                 int draws, int warmUpDraws, long seed, int rlooSamples, double emaDecay,
                                 double rebarEta, double relaxLearningRate, int relaxBatch,
                                 boolean coupledResampling) {
    /** The default temperature grid. */
    public static final List<Double> DEFAULT_TAUS = List.of(0.1, 0.2, 0.5, 1.0, 2.0, 5.0);

    /**
     * Validates and copies the lists.
     *
     * @param problems the toy problems
     * @param estimators the estimators
     * @param taus the temperature grid
     * @param draws N
     * @param warmUpDraws warm-up draws
     * @param seed master seed
     * @param rlooSamples S
     * @param emaDecay EMA decay
     * @param rebarEta REBAR's eta
     * @param relaxLearningRate RELAX's Adam step
     * @param relaxBatch RELAX's batch
     * @param coupledResampling coupled or fresh re-sampling
     */
    public EstimatorLabConfig {
        problems = List.copyOf(problems);
        estimators = List.copyOf(estimators);
        taus = List.copyOf(taus);
        if (problems.isEmpty() || estimators.isEmpty()) {
            throw new IllegalArgumentException("need at least one problem and one estimator");
        }
        for (double t : taus) {
            if (!(t > 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("temperatures must be positive and finite, got " + t);
            }
        }
        if (draws < 2 || warmUpDraws < 0 || rlooSamples < 2 || !(emaDecay >= 0 && emaDecay < 1)
                || !(relaxLearningRate > 0) || relaxBatch < 1) {
            throw new IllegalArgumentException("invalid lab settings: draws=" + draws + " warmUpDraws=" + warmUpDraws
                    + " rlooSamples=" + rlooSamples + " emaDecay=" + emaDecay + " relaxLearningRate="
                    + relaxLearningRate + " relaxBatch=" + relaxBatch);
        }
    }

    /**
     * The defaults: the default categorical problem (K = 5) and sequence problem (V = 3, L = 2), every estimator,
     * taus 0.1, 0.2, 0.5, 1, 2, 5, N = 10,000 draws after 2,000 warm-up draws, seed 1, RLOO with S = 4, EMA decay
     * 0.9, REBAR eta = 1, RELAX Adam step 0.01 with batches of 10, fresh (uncoupled) conditional re-sampling.
     *
     * @return the default configuration
     */
    public static EstimatorLabConfig defaults() {
        return new EstimatorLabConfig(List.of(CategoricalProblem.Spec.defaults(), SequenceProblem.Spec.defaults()),
                List.of(EstimatorKind.values()), DEFAULT_TAUS, 10_000, 2_000, 1L, 4, 0.9, 1.0, 0.01, 10, false);
    }

    /**
     * @param newProblems problems
     * @return a copy with other problems
     */
    public EstimatorLabConfig withProblems(List<ProblemSpec> newProblems) {
        return new EstimatorLabConfig(newProblems, estimators, taus, draws, warmUpDraws, seed, rlooSamples, emaDecay,
                rebarEta, relaxLearningRate, relaxBatch, coupledResampling);
    }

    /**
     * @param newEstimators estimators
     * @return a copy with other estimators
     */
    public EstimatorLabConfig withEstimators(List<EstimatorKind> newEstimators) {
        return new EstimatorLabConfig(problems, newEstimators, taus, draws, warmUpDraws, seed, rlooSamples, emaDecay,
                rebarEta, relaxLearningRate, relaxBatch, coupledResampling);
    }

    /**
     * @param newTaus temperatures
     * @return a copy with another temperature grid
     */
    public EstimatorLabConfig withTaus(List<Double> newTaus) {
        return new EstimatorLabConfig(problems, estimators, newTaus, draws, warmUpDraws, seed, rlooSamples, emaDecay,
                rebarEta, relaxLearningRate, relaxBatch, coupledResampling);
    }

    /**
     * @param newDraws N
     * @param newWarmUpDraws warm-up draws
     * @return a copy with other draw counts
     */
    public EstimatorLabConfig withDraws(int newDraws, int newWarmUpDraws) {
        return new EstimatorLabConfig(problems, estimators, taus, newDraws, newWarmUpDraws, seed, rlooSamples,
                emaDecay, rebarEta, relaxLearningRate, relaxBatch, coupledResampling);
    }

    /**
     * @param coupled coupled or fresh re-sampling for REBAR and RELAX
     * @return a copy with that choice
     */
    public EstimatorLabConfig withCoupledResampling(boolean coupled) {
        return new EstimatorLabConfig(problems, estimators, taus, draws, warmUpDraws, seed, rlooSamples, emaDecay,
                rebarEta, relaxLearningRate, relaxBatch, coupled);
    }

    /**
     * @param newSeed master seed
     * @return a copy with another seed
     */
    public EstimatorLabConfig withSeed(long newSeed) {
        return new EstimatorLabConfig(problems, estimators, taus, draws, warmUpDraws, newSeed, rlooSamples, emaDecay,
                rebarEta, relaxLearningRate, relaxBatch, coupledResampling);
    }
}
