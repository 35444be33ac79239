package org.textgan.experiments.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.textgan.generator.relax.GumbelNoise;

/** The relaxed pass: its reparameterised gradient, its straight-through forward value, and the relaxed reward. */
class RelaxedSampleTest {

    static Stream<ProblemSpec> problems() {
        return Stream.of(CategoricalProblem.Spec.defaults(), SequenceProblem.Spec.defaults(),
                new SequenceProblem.Spec(4, 3, 11));
    }

    private static double[] gumbel(ToyProblem problem, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] g = new double[problem.length() * problem.categories()];
        for (int i = 0; i < g.length; i++) {
            g[i] = GumbelNoise.gumbel(rng);
        }
        return g;
    }

    @ParameterizedTest
    @MethodSource("problems")
    void softGradientMatchesCentralDifferencesWithFixedNoise(ProblemSpec spec) {
        ToyProblem problem = spec.build();
        double[] theta = problem.initialParameters();
        for (double tau : new double[] {0.5, 2.0}) {
            for (long seed = 1; seed <= 3; seed++) {
                double[] g = gumbel(problem, seed);
                double[] grad = new double[theta.length];
                problem.relaxedSample(theta, g, tau, false, grad);
                double e = 1e-5;
                for (int i = 0; i < theta.length; i++) {
                    double[] up = theta.clone();
                    double[] down = theta.clone();
                    up[i] += e;
                    down[i] -= e;
                    double fd = (problem.relaxedSample(up, g, tau, false, null)
                            - problem.relaxedSample(down, g, tau, false, null)) / (2 * e);
                    assertEquals(fd, grad[i], 1e-7 * (1 + Math.abs(fd)), spec + " tau=" + tau + " i=" + i);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("problems")
    void straightThroughForwardIsTheRewardOfTheGumbelMaxSample(ProblemSpec spec) {
        ToyProblem problem = spec.build();
        double[] theta = problem.initialParameters();
        int k = problem.categories();
        for (long seed = 1; seed <= 20; seed++) {
            double[] g = gumbel(problem, seed);
            // Ancestral Gumbel-Max with the same noise: the token of step t maximises logits_t(x_{t-1}) + g_t.
            int[] x = new int[problem.length()];
            for (int t = 0; t < problem.length(); t++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double logit = problem instanceof SequenceProblem
                            ? theta[(t == 0 ? 0 : 1 + x[t - 1]) * k + j] : theta[j];
                    if (logit + g[t * k + j] > best) {
                        best = logit + g[t * k + j];
                        x[t] = j;
                    }
                }
            }
            assertEquals(problem.reward(x), problem.relaxedSample(theta, g, 0.7, true, new double[theta.length]),
                    1e-12);
        }
    }

    @ParameterizedTest
    @MethodSource("problems")
    void relaxedRewardExtendsTheRewardAndItsGradientMatchesDifferences(ProblemSpec spec) {
        ToyProblem problem = spec.build();
        int k = problem.categories();
        int n = problem.length() * k;
        int[] x = new int[problem.length()];
        for (int i = 0; i < problem.outcomeCount(); i++) {
            problem.outcome(i, x);
            double[] y = new double[n];
            for (int t = 0; t < x.length; t++) {
                y[t * k + x[t]] = 1;
            }
            assertEquals(problem.reward(x), problem.relaxedReward(y, null), 1e-12);
        }
        SplittableRandom rng = new SplittableRandom(5);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextDouble();
        }
        double[] dy = new double[n];
        problem.relaxedReward(y, dy);
        boolean nonLinear = false;
        for (int i = 0; i < n; i++) {
            double[] up = y.clone();
            double[] down = y.clone();
            up[i] += 1e-5;
            down[i] -= 1e-5;
            double fd = (problem.relaxedReward(up, null) - problem.relaxedReward(down, null)) / 2e-5;
            assertEquals(fd, dy[i], 1e-8);
            double[] dyUp = new double[n];
            problem.relaxedReward(up, dyUp);
            nonLinear |= Math.abs(dyUp[(i + 1) % n] - dy[(i + 1) % n]) > 1e-9 || Math.abs(dyUp[i] - dy[i]) > 1e-9;
        }
        assertTrue(nonLinear, "the relaxed reward must be non-linear so that the Gumbel-Softmax bias is non-trivial");
    }
}
