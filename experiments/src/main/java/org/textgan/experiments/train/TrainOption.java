package org.textgan.experiments.train;

import java.util.List;
import org.textgan.common.EnumIds;
import org.textgan.discriminator.CnnDiscriminatorConfig;
import org.textgan.discriminator.Discriminator;
import org.textgan.discriminator.DiscriminatorKind;
import org.textgan.discriminator.GanLoss;
import org.textgan.discriminator.LstmDiscriminatorConfig;
import org.textgan.generator.lstm.Feedback;
import org.textgan.generator.schedule.ScheduleSpec;

/**
 * Every option of an adversarial run, declared once: its key in {@code config.json} (a path such as
 * {@code schedule.tau} for nested values), its command-line flag, its value type, its default and its help text.
 * The {@code train} command builds its options from this list, {@link AdversarialConfig#defaults} takes its defaults
 * from it, and sweep files name options by {@link #key()}. Validation lives in {@link AdversarialConfig}'s
 * constructor, so a value is checked the same way whichever way it came in.
 */
public enum TrainOption {
    /** The gradient estimator (no default: required for a new run). */
    ESTIMATOR("estimator", "--estimator", Estimator.class, null, EnumIds.ids(Estimator.class), "Gradient estimator"),
    /** Starting temperature. */
    TAU("schedule.tau", "--tau", Double.class, 1.0, "T", "(Starting) temperature"),
    /** Temperature schedule. */
    SCHEDULE("schedule.name", "--schedule", String.class, "constant", "NAME",
            "Temperature schedule: " + ScheduleSpec.NAMES),
    /** Temperature floor of the linear and exponential schedules. */
    TAU_MIN("schedule.tau_min", "--tau-min", Double.class, 0.1, "T", "Temperature floor of linear and exp"),
    /** Decay rate of the exponential schedule. */
    ANNEAL_RATE("schedule.rate", "--anneal-rate", Double.class, 1e-4, "R", "Decay rate of exp"),
    /** Update period of the exponential schedule. */
    ANNEAL_EVERY("schedule.every", "--anneal-every", Long.class, 100L, "N", "Update period of exp in steps"),
    /** Final inverse temperature of RelGAN's schedules. */
    BETA_MAX("schedule.beta_max", "--beta-max", Double.class, 100.0, "B",
            "Final inverse temperature of the relgan-* schedules"),
    /** Token fed back in the rollout. */
    FEEDBACK("feedback", "--feedback", Feedback.class, Feedback.SOFT, EnumIds.ids(Feedback.class),
            "Token fed back in the rollout"),
    /** GAN loss. */
    LOSS("loss", "--loss", GanLoss.class, GanLoss.RSGAN, EnumIds.ids(GanLoss.class), "GAN loss"),
    /** Generator steps. */
    STEPS("steps", "--steps", Long.class, 1000L, "N", "Generator steps"),
    /** Discriminator steps per generator step. */
    D_STEPS("discriminator_steps", "--d-steps", Integer.class, 1, "K", "Discriminator steps per generator step"),
    /** Sequences per batch. */
    BATCH_SIZE("batch_size", "--batch-size", Integer.class, 64, "B", "Sequences per batch"),
    /** Generator learning rate. */
    G_LR("generator_learning_rate", "--g-lr", Double.class, 1e-4, "LR", "Generator Adam learning rate"),
    /** Discriminator learning rate. */
    D_LR("discriminator_learning_rate", "--d-lr", Double.class, 1e-4, "LR", "Discriminator Adam learning rate"),
    /** Adam beta1. */
    BETA1("beta1", "--beta1", Double.class, 0.9, "B1", "Adam beta1"),
    /** Adam beta2. */
    BETA2("beta2", "--beta2", Double.class, 0.999, "B2", "Adam beta2"),
    /** Gradient-norm bound. */
    CLIP("grad_clip", "--clip", Double.class, 5.0, "NORM", "Gradient-norm bound of both models, <= 0: none"),
    /** REINFORCE baseline. */
    BASELINE("baseline", "--baseline", Baseline.class, Baseline.MOVING_AVERAGE, EnumIds.ids(Baseline.class),
            "REINFORCE baseline: none, a moving average of past batches, or leave-one-out (the mean return of the "
                    + "batch's other sequences); rebar and relax need none"),
    /** Moving-average baseline decay. */
    BASELINE_DECAY("baseline_decay", "--baseline-decay", Double.class, 0.9, "D", "Moving-average baseline decay"),
    /** Monte-Carlo rollouts. */
    ROLLOUTS("rollouts", "--rollouts", Integer.class, 0, "K",
            "REINFORCE Monte-Carlo rollouts per prefix (SeqGAN), 0: none; needs --discriminator cnn"),
    /** Entropy bonus. */
    ENTROPY_BONUS("entropy_bonus", "--entropy-bonus", Double.class, 0.0, "W",
            "REINFORCE entropy bonus: adds W times the entropy of the generated sequences to the objective"),
    /** Return-to-go discount. */
    DISCOUNT("discount", "--discount", Double.class, 1.0, "G",
            "REINFORCE return-to-go discount in (0, 1]; 1 is unbiased, below 1 trades bias for variance"),
    /** Step size of the control variate's variance-gradient tuning (rebar, relax). */
    CV_LR("cv_learning_rate", "--cv-lr", Double.class, 0.01, "LR",
            "rebar and relax: Adam step size of the variance-gradient tuning of the control variate's scale eta "
                    + "(starting at 1), its temperature lambda (starting at --tau) and relax's network; 0: rebar "
                    + "keeps eta = 1 and lambda = tau (relax needs > 0)"),
    /** Hidden units of RELAX's control-variate network. */
    CV_HIDDEN("cv_hidden", "--cv-hidden", Integer.class, 16, "K", "relax: hidden units of the learned control variate"),
    /** Discriminator architecture. */
    DISCRIMINATOR("discriminator", "--discriminator", DiscriminatorKind.class, DiscriminatorKind.CNN,
            EnumIds.ids(DiscriminatorKind.class), "Discriminator"),
    /** Discriminator embedding size. */
    D_EMBEDDING("discriminator_embedding", "--d-embedding", Integer.class, Discriminator.DEFAULT_EMBEDDING_DIM, "E",
            "Discriminator embedding size"),
    /** CNN filter widths. */
    FILTER_WIDTHS("filter_widths", "--filter-widths", List.class, CnnDiscriminatorConfig.DEFAULT_FILTER_WIDTHS, "W,W,...",
            "CNN filter widths"),
    /** CNN filters per width. */
    FILTERS("filters_per_width", "--filters", Integer.class, CnnDiscriminatorConfig.DEFAULT_FILTERS_PER_WIDTH, "N",
            "CNN filters per width"),
    /** CNN dropout. */
    DROPOUT("dropout", "--dropout", Double.class, CnnDiscriminatorConfig.DEFAULT_DROPOUT, "P", "CNN dropout rate"),
    /** LSTM discriminator hidden size. */
    D_HIDDEN("discriminator_hidden", "--d-hidden", Integer.class, LstmDiscriminatorConfig.DEFAULT_HIDDEN_DIM, "H",
            "LSTM discriminator hidden size"),
    /** The run's seed. */
    SEED("seed", "--seed", Long.class, 1L, "S", "Seed of D's initialisation, batches, noise, dropout"),
    /** Logging period. */
    LOG_EVERY("log_every", "--log-every", Long.class, 10L, "N", "Log a metrics line every N steps"),
    /** Evaluation period. */
    EVAL_EVERY("eval_every", "--eval-every", Long.class, 100L, "N", "NLL-test every N steps, 0: at the end only"),
    /** Test sequences of the periodic evaluation. */
    EVAL_SEQUENCES("eval_sequences", "--eval-sequences", Integer.class, 512, "N",
            "Test sequences of the periodic NLL-test, 0: all"),
    /** Checkpoint period. */
    CHECKPOINT_EVERY("checkpoint_every", "--checkpoint-every", Long.class, 200L, "N",
            "Checkpoint every N steps, 0: at the end only"),
    /** Samples written at the end. */
    SAMPLES("samples", "--samples", Integer.class, 200, "N", "Samples written to samples.txt at the end");

    private final String key;
    private final String flag;
    private final Class<?> type;
    private final Object defaultValue;
    private final String label;
    private final String description;

    TrainOption(String key, String flag, Class<?> type, Object defaultValue, String label, String description) {
        this.key = key;
        this.flag = flag;
        this.type = type;
        this.defaultValue = defaultValue;
        this.label = label;
        this.description = description;
    }

    /** @return the key in {@code config.json}'s {@code train} object; nested keys are dotted ({@code schedule.tau}) */
    public String key() {
        return key;
    }

    /** @return the command-line flag, e.g. {@code --tau} */
    public String flag() {
        return flag;
    }

    /** @return the value's type ({@code List} means a list of integers) */
    public Class<?> type() {
        return type;
    }

    /** @return the default value, or null where the option has none (it is then required) */
    public Object defaultValue() {
        return defaultValue;
    }

    /** @return the value's label in help texts, e.g. {@code T} or {@code soft|hard} */
    public String label() {
        return label;
    }

    /** @return the help text, with the default appended where there is one */
    public String description() {
        if (defaultValue == null) {
            return description + ".";
        }
        Object d = defaultValue instanceof Enum<?> e ? EnumIds.id(e)
                : defaultValue instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                : defaultValue;
        return description + " (default: " + d + ").";
    }

    /** @return whether the value lives in the nested {@code schedule} object */
    public boolean inSchedule() {
        return key.startsWith("schedule.");
    }

    /** @return the key inside its object: {@code tau} for {@code schedule.tau} */
    public String leafKey() {
        return inSchedule() ? key.substring("schedule.".length()) : key;
    }

    /**
     * @param key a key as in {@link #key()}
     * @return the option, if one has that key
     */
    public static java.util.Optional<TrainOption> byKey(String key) {
        for (TrainOption o : values()) {
            if (o.key.equals(key)) {
                return java.util.Optional.of(o);
            }
        }
        return java.util.Optional.empty();
    }
}
