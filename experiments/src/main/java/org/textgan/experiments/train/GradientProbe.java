package org.textgan.experiments.train;

import java.util.List;
import org.textgan.discriminator.Discriminator;
import org.textgan.generator.lstm.CharLstmGenerator;

/**
 * Draws the trainer's own generator-gradient estimates at a frozen (generator, discriminator) pair, for measuring
 * estimators along a trajectory (the estimator lab): each estimate is exactly the gradient the configured
 * {@link GeneratorEstimator} would hand to the optimiser (before clipping) at a step numbered {@code draw}, with D in
 * evaluation mode. Nothing is updated; stateful baselines (the moving average) advance as in training.
 */
public final class GradientProbe {
    private final AdversarialStepper stepper;
    private final CharLstmGenerator generator;

    /**
     * @param config the estimator's options (estimator, loss, batch size, baseline, feedback, seed, ...)
     * @param generator the generator (its gradients are overwritten)
     * @param discriminator the frozen discriminator
     * @param train the real sequences (the RSGAN loss pairs each generated row with one)
     */
    public GradientProbe(AdversarialConfig config, CharLstmGenerator generator, Discriminator discriminator,
                         List<int[]> train) {
        this.stepper = AdversarialStepper.overModels(config, generator, discriminator, train);
        this.generator = generator;
    }

    /**
     * @param draw the draw's number (its random streams are those of step {@code draw})
     * @param tau the temperature
     * @return the estimate of the gradient of the generator's loss, flattened in parameter order
     */
    public double[] estimate(long draw, double tau) {
        stepper.generatorGradient(draw, tau);
        stepper.estimator().commit();
        double[] out = new double[(int) generator.parameters().count()];
        generator.parameters().gradsInto(out, 0, 1.0);
        return out;
    }
}
