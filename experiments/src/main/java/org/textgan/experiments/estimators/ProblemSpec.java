package org.textgan.experiments.estimators;

/**
 * A serialisable description of a toy problem, from which the problem is built deterministically.
 */
public sealed interface ProblemSpec permits CategoricalProblem.Spec, SequenceProblem.Spec {
    /** @return a new problem instance (each call builds a fresh one with its own scratch buffers) */
    ToyProblem build();
}
