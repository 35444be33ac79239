package org.textgan.experiments.train;

import java.util.List;
import java.util.function.Consumer;
import org.textgan.common.EnumIds;
import org.textgan.discriminator.DiscriminatorKind;
import org.textgan.discriminator.GanLoss;
import org.textgan.generator.lstm.Feedback;
import org.textgan.generator.schedule.ScheduleSpec;

/**
 * Every option of an adversarial run. Immutable; written to {@code config.json} and read back on resume.
 *
 * @param estimator the gradient estimator
 * @param loss the GAN loss: standard (non-saturating) or rsgan
 * @param schedule the temperature schedule (its {@code tau} is the starting temperature)
 * @param feedback soft (the seed's) or hard (RelGAN's) token feedback in the rollout
 * @param steps generator steps
 * @param discriminatorSteps discriminator steps per generator step (k)
 * @param batchSize B, sequences per batch
 * @param generatorLearningRate Adam step size of the generator
 * @param discriminatorLearningRate Adam step size of the discriminator
 * @param beta1 Adam beta1 (both models)
 * @param beta2 Adam beta2 (both models)
 * @param gradClip global gradient-norm bound for both models ({@code <= 0}: none)
 * @param baseline the REINFORCE baseline (none, moving-average over past batches, leave-one-out)
 * @param baselineDecay the moving-average baseline's decay
 * @param rollouts SeqGAN Monte-Carlo rollouts per prefix (0: one sequence-level reward)
 * @param entropyBonus REINFORCE entropy bonus weight ({@code 0}: none)
 * @param discriminator the discriminator's architecture
 * @param discriminatorEmbedding the discriminator's embedding size
 * @param filterWidths CNN filter widths
 * @param filtersPerWidth CNN filters per width
 * @param dropout CNN dropout rate
 * @param discriminatorHidden LSTM discriminator hidden size
 * @param seed the run's seed (initialisation of D, every batch, noise and dropout mask)
 * @param logEvery log a metrics line every this many steps
 * @param evalEvery compute NLL-test every this many steps (0: only at the end)
 * @param evalSequences test sequences used for the periodic NLL-test (0: all)
 * @param checkpointEvery checkpoint every this many steps (0: only at the end)
 * @param samples samples written to {@code samples.txt} at the end
 * @param discount REINFORCE's return-to-go discount gamma in {@code (0, 1]} (null: 1, the unbiased value; configs
 *        written before the option existed have none)
 * @param cvLearningRate Adam step size of rebar's and relax's variance-gradient tuning of eta, lambda and relax's
 *        network (0: rebar keeps eta = 1 and lambda = tau; relax needs it above 0; null: the default)
 * @param cvHidden hidden units of relax's control-variate network (null: the default)
 */
public record AdversarialConfig(Estimator estimator, GanLoss loss, ScheduleSpec schedule, Feedback feedback, long steps,
                                int discriminatorSteps, int batchSize, double generatorLearningRate,
                                double discriminatorLearningRate, double beta1, double beta2, double gradClip,
                                Baseline baseline, double baselineDecay, int rollouts, double entropyBonus,
                                DiscriminatorKind discriminator, int discriminatorEmbedding, List<Integer> filterWidths,
                                int filtersPerWidth, double dropout, int discriminatorHidden, long seed,
                                long logEvery, long evalEvery, int evalSequences, long checkpointEvery, int samples,
                                Double discount, Double cvLearningRate, Integer cvHidden)
        implements java.io.Serializable {
    /**
     * Validates every option, naming the bad one.
     *
     * @param estimator see the record description
     * @param loss see the record description
     * @param schedule see the record description
     * @param feedback see the record description
     * @param steps see the record description
     * @param discriminatorSteps see the record description
     * @param batchSize see the record description
     * @param generatorLearningRate see the record description
     * @param discriminatorLearningRate see the record description
     * @param beta1 see the record description
     * @param beta2 see the record description
     * @param gradClip see the record description
     * @param baseline see the record description
     * @param baselineDecay see the record description
     * @param rollouts see the record description
     * @param entropyBonus see the record description
     * @param discriminator see the record description
     * @param discriminatorEmbedding see the record description
     * @param filterWidths see the record description
     * @param filtersPerWidth see the record description
     * @param dropout see the record description
     * @param discriminatorHidden see the record description
     * @param seed see the record description
     * @param logEvery see the record description
     * @param evalEvery see the record description
     * @param evalSequences see the record description
     * @param checkpointEvery see the record description
     * @param samples see the record description
     * @param discount see the record description
     * @param cvLearningRate see the record description
     * @param cvHidden see the record description
     */
    public AdversarialConfig {
        if (discount == null) {
            discount = 1.0;
        }
        if (cvLearningRate == null) {
            cvLearningRate = (Double) d(TrainOption.CV_LR);
        }
        if (cvHidden == null) {
            cvHidden = (Integer) d(TrainOption.CV_HIDDEN);
        }
        require(estimator != null, "--estimator is required (" + EnumIds.ids(Estimator.class).replace("|", ", ") + ")");
        require(loss != null && feedback != null && baseline != null && discriminator != null,
                "--loss, --feedback, --baseline and --discriminator must not be empty");
        if (schedule == null) {
            throw new IllegalArgumentException("--schedule is required");
        }
        require(steps >= 1, "--steps must be at least 1, got " + steps);
        schedule.build(steps); // validates tau, floor and the schedule's name
        require(discriminatorSteps >= 1, "--d-steps must be at least 1, got " + discriminatorSteps);
        require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
        require(generatorLearningRate > 0 && Double.isFinite(generatorLearningRate),
                "--g-lr must be positive, got " + generatorLearningRate);
        require(discriminatorLearningRate > 0 && Double.isFinite(discriminatorLearningRate),
                "--d-lr must be positive, got " + discriminatorLearningRate);
        require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "Adam betas must lie in [0, 1)");
        new ReinforceOptions(baseline, baselineDecay, discount, rollouts, entropyBonus);
        require(rollouts == 0 || discriminator != DiscriminatorKind.LSTM, "--rollouts needs --discriminator cnn: the "
                + "lstm discriminator already scores every prefix (its per-step rewards use the return-to-go)");
        if (estimator == Estimator.REBAR || estimator == Estimator.RELAX) {
            require(baseline == Baseline.NONE && rollouts == 0 && discount == 1 && entropyBonus == 0,
                    estimator + " uses its control variate instead of --baseline, --rollouts, --discount and "
                            + "--entropy-bonus: use --baseline none and leave the others at their defaults");
        }
        require(cvLearningRate >= 0 && Double.isFinite(cvLearningRate),
                "--cv-lr must be a finite number >= 0, got " + cvLearningRate);
        require(estimator != Estimator.RELAX || cvLearningRate > 0,
                "relax learns its control variate: --cv-lr must be above 0 (with 0 it is rebar; "
                        + "use --estimator rebar)");
        require(cvHidden >= 1 && cvHidden <= 4096, "--cv-hidden must lie in [1, 4096], got " + cvHidden);
        require(dropout >= 0 && dropout < 1, "--dropout must lie in [0, 1), got " + dropout);
        require(logEvery >= 1, "--log-every must be at least 1");
        require(evalEvery >= 0 && checkpointEvery >= 0 && samples >= 0 && evalSequences >= 0,
                "--eval-every, --checkpoint-every, --eval-sequences and --samples must be >= 0");
        filterWidths = List.copyOf(filterWidths);
    }

    /**
     * The defaults of a new run with the given estimator, as declared in {@link TrainOption}: RSGAN loss, tau 1
     * constant, soft feedback, 1000 steps, k = 1, batch 64, Adam 1e-4 / 1e-4 with betas (0.9, 0.999), clipping at 5,
     * moving-average baseline (decay 0.9), no rollouts, CNN discriminator (embedding 64, widths 2-5, 64 filters each,
     * dropout 0.25), seed 1; rebar's baseline is none.
     *
     * @param estimator the estimator
     * @return the configuration
     */
    public static AdversarialConfig defaults(Estimator estimator) {
        // unchecked is safe: TrainOption.FILTER_WIDTHS declares type List.class with a List<Integer> default
        @SuppressWarnings("unchecked")
        List<Integer> widths = (List<Integer>) d(TrainOption.FILTER_WIDTHS);
        return new AdversarialConfig(estimator, (GanLoss) d(TrainOption.LOSS),
                new ScheduleSpec((String) d(TrainOption.SCHEDULE), (Double) d(TrainOption.TAU),
                        (Double) d(TrainOption.TAU_MIN), (Double) d(TrainOption.ANNEAL_RATE),
                        (Long) d(TrainOption.ANNEAL_EVERY), (Double) d(TrainOption.BETA_MAX)),
                (Feedback) d(TrainOption.FEEDBACK), (Long) d(TrainOption.STEPS), (Integer) d(TrainOption.D_STEPS),
                (Integer) d(TrainOption.BATCH_SIZE), (Double) d(TrainOption.G_LR), (Double) d(TrainOption.D_LR),
                (Double) d(TrainOption.BETA1), (Double) d(TrainOption.BETA2), (Double) d(TrainOption.CLIP),
                estimator == Estimator.REBAR || estimator == Estimator.RELAX ? Baseline.NONE
                        : (Baseline) d(TrainOption.BASELINE),
                (Double) d(TrainOption.BASELINE_DECAY),
                (Integer) d(TrainOption.ROLLOUTS), (Double) d(TrainOption.ENTROPY_BONUS),
                (DiscriminatorKind) d(TrainOption.DISCRIMINATOR), (Integer) d(TrainOption.D_EMBEDDING), widths,
                (Integer) d(TrainOption.FILTERS), (Double) d(TrainOption.DROPOUT), (Integer) d(TrainOption.D_HIDDEN),
                (Long) d(TrainOption.SEED), (Long) d(TrainOption.LOG_EVERY), (Long) d(TrainOption.EVAL_EVERY),
                (Integer) d(TrainOption.EVAL_SEQUENCES), (Long) d(TrainOption.CHECKPOINT_EVERY),
                (Integer) d(TrainOption.SAMPLES), (Double) d(TrainOption.DISCOUNT), (Double) d(TrainOption.CV_LR),
                (Integer) d(TrainOption.CV_HIDDEN));
    }

    private static Object d(TrainOption option) {
        return option.defaultValue();
    }

    /**
     * @param newLoss the GAN loss
     * @param newSchedule the temperature schedule
     * @param newFeedback the rollout's token feedback
     * @return a copy with these options
     */
    public AdversarialConfig withGan(GanLoss newLoss, ScheduleSpec newSchedule, Feedback newFeedback) {
        return copy(c -> {
            c.loss = newLoss;
            c.schedule = newSchedule;
            c.feedback = newFeedback;
        });
    }

    /**
     * @param newSteps generator steps
     * @param newDiscriminatorSteps discriminator steps per generator step (k)
     * @param newBatchSize B
     * @return a copy with these options
     */
    public AdversarialConfig withSteps(long newSteps, int newDiscriminatorSteps, int newBatchSize) {
        return copy(c -> {
            c.steps = newSteps;
            c.discriminatorSteps = newDiscriminatorSteps;
            c.batchSize = newBatchSize;
        });
    }

    /**
     * @param generatorLr Adam step size of the generator
     * @param discriminatorLr Adam step size of the discriminator
     * @param newGradClip the global gradient-norm bound ({@code <= 0}: none)
     * @return a copy with these optimiser options (Adam's betas stay)
     */
    public AdversarialConfig withOptimiser(double generatorLr, double discriminatorLr, double newGradClip) {
        return copy(c -> {
            c.generatorLearningRate = generatorLr;
            c.discriminatorLearningRate = discriminatorLr;
            c.gradClip = newGradClip;
        });
    }

    /**
     * @param newBaseline the REINFORCE baseline
     * @param newBaselineDecay the moving-average baseline's decay
     * @param newRollouts Monte-Carlo rollouts per prefix
     * @param newEntropyBonus the entropy bonus weight
     * @return a copy with these REINFORCE options
     */
    public AdversarialConfig withReinforce(Baseline newBaseline, double newBaselineDecay, int newRollouts,
                                           double newEntropyBonus) {
        return copy(c -> {
            c.baseline = newBaseline;
            c.baselineDecay = newBaselineDecay;
            c.rollouts = newRollouts;
            c.entropyBonus = newEntropyBonus;
        });
    }

    /**
     * @param kind the discriminator's architecture
     * @param embedding its embedding size
     * @param hidden the LSTM discriminator's hidden size
     * @return a copy with this discriminator
     */
    public AdversarialConfig withDiscriminator(DiscriminatorKind kind, int embedding, int hidden) {
        return copy(c -> {
            c.discriminator = kind;
            c.discriminatorEmbedding = embedding;
            c.discriminatorHidden = hidden;
        });
    }

    /**
     * @param widths the CNN discriminator's filter widths
     * @param filters its filters per width
     * @param newDropout its dropout rate
     * @return a copy with these CNN options
     */
    public AdversarialConfig withCnn(List<Integer> widths, int filters, double newDropout) {
        return copy(c -> {
            c.filterWidths = widths;
            c.filtersPerWidth = filters;
            c.dropout = newDropout;
        });
    }

    /**
     * @param logs log a metrics line every this many steps
     * @param evals NLL-test every this many steps (0: only at the end)
     * @param evalSeqs test sequences of the periodic NLL-test (0: all)
     * @param checkpoints checkpoint every this many steps (0: only at the end)
     * @return a copy with these logging, evaluation and checkpoint intervals
     */
    public AdversarialConfig withReporting(long logs, long evals, int evalSeqs, long checkpoints) {
        return copy(c -> {
            c.logEvery = logs;
            c.evalEvery = evals;
            c.evalSequences = evalSeqs;
            c.checkpointEvery = checkpoints;
        });
    }

    /**
     * @param learningRate the control variate's Adam step size ({@code --cv-lr})
     * @param hidden relax's hidden units ({@code --cv-hidden})
     * @return a copy with those control-variate options
     */
    public AdversarialConfig withControlVariate(double learningRate, int hidden) {
        return copy(c -> {
            c.cvLearningRate = learningRate;
            c.cvHidden = hidden;
        });
    }

    /**
     * @param newSamples samples written to {@code samples.txt} at the end
     * @return a copy with that number of samples
     */
    public AdversarialConfig withSamples(int newSamples) {
        return copy(c -> c.samples = newSamples);
    }

    /**
     * @param newSeed the run's seed
     * @return a copy with that seed
     */
    public AdversarialConfig withSeed(long newSeed) {
        return copy(c -> c.seed = newSeed);
    }

    /**
     * @param gamma REINFORCE's discount
     * @return a copy with that discount
     */
    public AdversarialConfig withDiscount(double gamma) {
        return copy(c -> c.discount = gamma);
    }

    /** @return a copy changed by {@code change}, validated by the canonical constructor */
    private AdversarialConfig copy(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /** @return REINFORCE's options (baseline, decay, discount, rollouts, entropy bonus) */
    public ReinforceOptions reinforceOptions() {
        return new ReinforceOptions(baseline, baselineDecay, discount, rollouts, entropyBonus);
    }

    /** The one place that copies every component: the withers change some and build a validated copy. */
    private static final class Copy {
        private final Estimator estimator;
        private GanLoss loss;
        private ScheduleSpec schedule;
        private Feedback feedback;
        private long steps;
        private int discriminatorSteps;
        private int batchSize;
        private double generatorLearningRate;
        private double discriminatorLearningRate;
        private double beta1;
        private double beta2;
        private double gradClip;
        private Baseline baseline;
        private double baselineDecay;
        private int rollouts;
        private double entropyBonus;
        private DiscriminatorKind discriminator;
        private int discriminatorEmbedding;
        private List<Integer> filterWidths;
        private int filtersPerWidth;
        private double dropout;
        private int discriminatorHidden;
        private long seed;
        private long logEvery;
        private long evalEvery;
        private int evalSequences;
        private long checkpointEvery;
        private int samples;
        private Double discount;
        private Double cvLearningRate;
        private Integer cvHidden;

        Copy(AdversarialConfig c) {
            estimator = c.estimator;
            loss = c.loss;
            schedule = c.schedule;
            feedback = c.feedback;
            steps = c.steps;
            discriminatorSteps = c.discriminatorSteps;
            batchSize = c.batchSize;
            generatorLearningRate = c.generatorLearningRate;
            discriminatorLearningRate = c.discriminatorLearningRate;
            beta1 = c.beta1;
            beta2 = c.beta2;
            gradClip = c.gradClip;
            baseline = c.baseline;
            baselineDecay = c.baselineDecay;
            rollouts = c.rollouts;
            entropyBonus = c.entropyBonus;
            discriminator = c.discriminator;
            discriminatorEmbedding = c.discriminatorEmbedding;
            filterWidths = c.filterWidths;
            filtersPerWidth = c.filtersPerWidth;
            dropout = c.dropout;
            discriminatorHidden = c.discriminatorHidden;
            seed = c.seed;
            logEvery = c.logEvery;
            evalEvery = c.evalEvery;
            evalSequences = c.evalSequences;
            checkpointEvery = c.checkpointEvery;
            samples = c.samples;
            discount = c.discount;
            cvLearningRate = c.cvLearningRate;
            cvHidden = c.cvHidden;
        }

        AdversarialConfig build() {
            return new AdversarialConfig(estimator, loss, schedule, feedback, steps, discriminatorSteps, batchSize,
                    generatorLearningRate, discriminatorLearningRate, beta1, beta2, gradClip, baseline, baselineDecay,
                    rollouts, entropyBonus, discriminator, discriminatorEmbedding, filterWidths, filtersPerWidth,
                    dropout, discriminatorHidden, seed, logEvery, evalEvery, evalSequences, checkpointEvery, samples,
                    discount, cvLearningRate, cvHidden);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
