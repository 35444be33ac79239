package org.textgan.app.cli;

import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.textgan.experiments.train.DistributedAdversarialTrainer;
import org.textgan.experiments.train.TrainProgress;
import org.textgan.spark.grid.SparkSessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.textgan.data.Dataset;
import org.textgan.experiments.data.DatasetSequences;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.experiments.run.RunMode;
import org.textgan.experiments.train.AdversarialConfig;
import org.textgan.experiments.train.AdversarialTrainer;
import org.textgan.experiments.train.StepRecord;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.schedule.ScheduleSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code textgan train}: adversarial training of a pretrained generator. Options not given take the defaults of
 * {@link AdversarialConfig#defaults} (fresh run) or the run's {@code config.json} ({@code --resume}); on resume an
 * option that differs from the run's value is refused, except {@code --steps}, which may grow.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Adversarial training of a pretrained generator against a CNN/LSTM discriminator, with the "
                + "Gumbel-Softmax relaxation (gumbel), its straight-through variant (st-gumbel) or REINFORCE.",
            "Writes RUN/config.json (all options and provenance), metrics.jsonl, checkpoints/, samples.txt and generator/.",
            "--resume continues from the last checkpoint and reads the options back from RUN/config.json: options "
                + "may be left out, options given must equal the run's, except that --steps may grow."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DATASET_DIR", description = "Dataset directory (required unless --resume).")
    Path data;

    @Option(names = "--init", paramLabel = "PRETRAIN_RUN", description = "Pretraining run whose generator/ starts the run (required unless --resume).")
    Path init;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "Run directory to create (or resume).")
    Path out;

    @Option(names = "--estimator", paramLabel = "gumbel|st-gumbel|reinforce", description = "Gradient estimator (required unless --resume).")
    String estimator;

    @Option(names = "--tau", paramLabel = "T", description = "(Starting) temperature (default: 1.0).")
    Double tau;

    @Option(names = "--schedule", paramLabel = "NAME", description = "Temperature schedule: " + ScheduleSpec.NAMES + " (default: constant).")
    String schedule;

    @Option(names = "--tau-min", paramLabel = "T", description = "Temperature floor of linear and exp (default: 0.1).")
    Double tauMin;

    @Option(names = "--anneal-rate", paramLabel = "R", description = "Decay rate of exp (default: 1e-4).")
    Double annealRate;

    @Option(names = "--anneal-every", paramLabel = "N", description = "Update period of exp in steps (default: 100).")
    Long annealEvery;

    @Option(names = "--beta-max", paramLabel = "B", description = "Final inverse temperature of the relgan-* schedules (default: 100).")
    Double betaMax;

    @Option(names = "--feedback", paramLabel = "soft|hard", description = "Token fed back in the rollout (default: soft).")
    String feedback;

    @Option(names = "--loss", paramLabel = "rsgan|standard", description = "GAN loss (default: rsgan).")
    String loss;

    @Option(names = "--steps", paramLabel = "N", description = "Generator steps (default: 1000).")
    Long steps;

    @Option(names = "--d-steps", paramLabel = "K", description = "Discriminator steps per generator step (default: 1).")
    Integer dSteps;

    @Option(names = "--batch-size", paramLabel = "B", description = "Sequences per batch (default: 64).")
    Integer batchSize;

    @Option(names = "--g-lr", paramLabel = "LR", description = "Generator Adam learning rate (default: 1e-4).")
    Double gLr;

    @Option(names = "--d-lr", paramLabel = "LR", description = "Discriminator Adam learning rate (default: 1e-4).")
    Double dLr;

    @Option(names = "--beta1", paramLabel = "B1", description = "Adam beta1 (default: 0.9).")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "B2", description = "Adam beta2 (default: 0.999).")
    Double beta2;

    @Option(names = "--clip", paramLabel = "NORM", description = "Gradient-norm bound of both models, <= 0: none (default: 5).")
    Double clip;

    @Option(names = "--baseline", paramLabel = "none|moving-average|batch-mean", description = "REINFORCE baseline (default: moving-average).")
    String baseline;

    @Option(names = "--baseline-decay", paramLabel = "D", description = "Moving-average baseline decay (default: 0.9).")
    Double baselineDecay;

    @Option(names = "--rollouts", paramLabel = "K", description = "REINFORCE Monte-Carlo rollouts per prefix, 0: sequence reward (default: 0).")
    Integer rollouts;

    @Option(names = "--entropy-bonus", paramLabel = "W", description = "REINFORCE entropy bonus weight (default: 0).")
    Double entropyBonus;

    @Option(names = "--discriminator", paramLabel = "cnn|lstm", description = "Discriminator (default: cnn).")
    String discriminator;

    @Option(names = "--d-embedding", paramLabel = "E", description = "Discriminator embedding size (default: 64).")
    Integer dEmbedding;

    @Option(names = "--filter-widths", paramLabel = "W,W,...", split = ",", description = "CNN filter widths (default: 2,3,4,5).")
    List<Integer> filterWidths;

    @Option(names = "--filters", paramLabel = "N", description = "CNN filters per width (default: 64).")
    Integer filters;

    @Option(names = "--dropout", paramLabel = "P", description = "CNN dropout rate (default: 0.25).")
    Double dropout;

    @Option(names = "--d-hidden", paramLabel = "H", description = "LSTM discriminator hidden size (default: 128).")
    Integer dHidden;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of D's initialisation, batches, noise, dropout (default: 1).")
    Long seed;

    @Option(names = "--log-every", paramLabel = "N", description = "Log a metrics line every N steps (default: 10).")
    Long logEvery;

    @Option(names = "--eval-every", paramLabel = "N", description = "NLL-test every N steps, 0: at the end only (default: 100).")
    Long evalEvery;

    @Option(names = "--eval-sequences", paramLabel = "N", description = "Test sequences of the periodic NLL-test, 0: all (default: 512).")
    Integer evalSequences;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Checkpoint every N steps, 0: at the end only (default: 200).")
    Long checkpointEvery;

    @Option(names = "--samples", paramLabel = "N", description = "Samples written to samples.txt at the end (default: 200).")
    Integer samples;

    @Option(names = "--resume", description = "Continue the run in RUN from its last checkpoint.")
    boolean resume;

    @Option(names = "--force", description = "Delete RUN's contents and start over.")
    boolean force;

    @Option(names = "--spark", arity = "0..1", paramLabel = "MASTER", fallbackValue = "",
            description = "Synchronous data-parallel training on Spark: every step, K workers compute gradients on "
                    + "their shards of the global batch and the driver applies their sum (MASTER defaults to "
                    + "spark-submit's, else local[*,4]). Requires dropout 0 for results independent of K and no "
                    + "--rollouts.")
    String spark;

    @Option(names = "--workers", paramLabel = "K",
            description = "Data-parallel workers with --spark (default: 2); at most --batch-size.")
    Integer workers;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        CliSupport.require(workers == null || spark != null, "--workers needs --spark");
        CliSupport.require(workers == null || workers >= 1, "--workers must be at least 1, got " + workers);
        RunMode mode = CliSupport.runMode(resume, force);
        ObjectNode stored = null;
        if (mode == RunMode.RESUME) {
            stored = (ObjectNode) CliSupport.runConfig(out).orElseThrow(() -> new IllegalArgumentException(
                    "cannot resume " + out + ": it has no config.json (start a new run without --resume)"));
            CliSupport.require(stored.has("train"), "cannot resume " + out + ": its config.json has no 'train' options");
        } else {
            CliSupport.require(data != null, "--data is required");
            CliSupport.require(init != null, "--init is required");
            CliSupport.require(estimator != null, "--estimator is required (gumbel, st-gumbel or reinforce)");
        }
        Path dataDir = data != null ? data : Path.of(stored.path("data").asText());
        Path initDir = init != null ? init : Path.of(stored.path("init").asText());
        if (stored != null) {
            requireSamePath("--data", data, stored.path("data").asText());
            requireSamePath("--init", init, stored.path("init").asText());
        }
        CliSupport.requireDistinct(out, dataDir, "--data");
        CliSupport.requireDistinct(out, initDir, "--init");
        AdversarialConfig config = config(stored == null ? null : (ObjectNode) stored.get("train"));
        Dataset dataset = CliSupport.dataset(dataDir, null);
        CharLstmGenerator generator = loadInit(initDir);

        RunDirectory run = RunDirectory.open(out, mode);
        if (stored != null && config.steps() != stored.get("train").path("steps").asLong()) {
            ((ObjectNode) stored.get("train")).put("steps", config.steps());
            RunDirectory.writeAtomically(out.resolve(RunDirectory.CONFIG), CliSupport.JSON.writeValueAsString(stored) + "\n");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("data", dataDir.toAbsolutePath().normalize().toString());
        extra.put("init", initDir.toAbsolutePath().normalize().toString());
        extra.put("generator", generator.config());

        StepProgress bar = new StepProgress(spec.commandLine().getErr(), common.quiet(), "train");
        TrainProgress progress = (step, total, rec) -> bar.update(step, total,
                String.format(Locale.ROOT, "d_loss %.3f  g_loss %.3f  tau %.3g", rec.dLoss(), rec.gLoss(), rec.tau()));
        AdversarialTrainer.Result r;
        if (spark == null) {
            r = new AdversarialTrainer(config, generator, new DatasetSequences(dataset), dataset.vocabulary()::decode,
                    run).run(extra, progress);
        } else {
            SparkSession session = SparkSessions.getOrCreate("textgan-train",
                    spark.isEmpty() ? Optional.empty() : Optional.of(spark), Map.of());
            try {
                r = new DistributedAdversarialTrainer(config, generator, new DatasetSequences(dataset),
                        dataset.vocabulary()::decode, run, session, workers == null ? 2 : workers)
                        .run(extra, progress);
            } finally {
                session.stop();
            }
        }
        bar.finish();

        PrintWriter o = spec.commandLine().getOut();
        if (r.resumedFrom() > 0) {
            o.printf(Locale.ROOT, "resumed from step %d%n", r.resumedFrom());
        }
        o.printf(Locale.ROOT, "estimator        %s (%s loss, %s schedule, %s discriminator)%n", config.estimator(),
                config.loss(), config.schedule().name(), config.discriminator());
        o.printf(Locale.ROOT, "steps            %d%n", r.steps());
        StepRecord last = r.last();
        if (last != null) {
            o.printf(Locale.ROOT, "d_loss           %.4f%n", last.dLoss());
            o.printf(Locale.ROOT, "g_loss           %.4f%n", last.gLoss());
            o.printf(Locale.ROOT, "d_real / d_fake  %.4f / %.4f%n", last.dReal(), last.dFake());
            o.printf(Locale.ROOT, "tau              %.4g%n", last.tau());
            if (last.nllTest() != null) {
                o.printf(Locale.ROOT, "nll_test         %.4f bits/char%n", last.nllTest());
            }
        }
        if (!Double.isNaN(r.secondsPerStep())) {
            o.printf(Locale.ROOT, "sec/step         %.3f%n", r.secondsPerStep());
        }
        o.printf("run              %s%n", out);
        o.flush();
        return 0;
    }

    private static CharLstmGenerator loadInit(Path initDir) throws java.io.IOException {
        Path g = initDir.resolve("generator");
        if (!Files.isRegularFile(g.resolve(CharLstmGenerator.CONFIG_FILE))) {
            throw new IllegalArgumentException("--init: no pretrained generator at " + g
                    + " (run 'textgan pretrain' to completion first)");
        }
        return CharLstmGenerator.load(g);
    }

    private void requireSamePath(String option, Path given, String storedPath) {
        if (given != null && !given.toAbsolutePath().normalize().toString().equals(storedPath)) {
            throw new IllegalArgumentException(option + " " + given + " differs from the run's " + storedPath
                    + " (leave it out with --resume, or start over with --force)");
        }
    }

    /**
     * The run's options: the base (the defaults, or the stored options on resume) with every option given on the
     * command line applied; on resume a given option must equal the stored value (--steps may grow).
     */
    AdversarialConfig config(ObjectNode storedTrain) {
        ObjectNode base;
        if (storedTrain != null) {
            base = storedTrain.deepCopy();
        } else {
            AdversarialConfig d = AdversarialConfig.defaults(estimator);
            base = CliSupport.JSON.valueToTree(d);
            // the CLI's schedule defaults (only the chosen schedule's own values matter)
            ObjectNode s = (ObjectNode) base.get("schedule");
            s.put("tau_min", 0.1);
            s.put("rate", 1e-4);
            s.put("every", 100L);
            s.put("beta_max", 100.0);
        }
        ObjectNode given = CliSupport.JSON.createObjectNode();
        ObjectNode sched = CliSupport.JSON.createObjectNode();
        put(sched, "name", schedule);
        put(sched, "tau", tau);
        put(sched, "tau_min", tauMin);
        put(sched, "rate", annealRate);
        put(sched, "every", annealEvery);
        put(sched, "beta_max", betaMax);
        String[][] scheduleOptions = {{"name", "--schedule"}, {"tau", "--tau"}, {"tau_min", "--tau-min"},
            {"rate", "--anneal-rate"}, {"every", "--anneal-every"}, {"beta_max", "--beta-max"}};
        put(given, "estimator", estimator);
        put(given, "loss", loss);
        put(given, "feedback", feedback);
        put(given, "steps", steps);
        put(given, "discriminator_steps", dSteps);
        put(given, "batch_size", batchSize);
        put(given, "generator_learning_rate", gLr);
        put(given, "discriminator_learning_rate", dLr);
        put(given, "beta1", beta1);
        put(given, "beta2", beta2);
        put(given, "grad_clip", clip);
        put(given, "baseline", baseline);
        put(given, "baseline_decay", baselineDecay);
        put(given, "rollouts", rollouts);
        put(given, "entropy_bonus", entropyBonus);
        put(given, "discriminator", discriminator);
        put(given, "discriminator_embedding", dEmbedding);
        if (filterWidths != null) {
            given.set("filter_widths", CliSupport.JSON.valueToTree(filterWidths));
        }
        put(given, "filters_per_width", filters);
        put(given, "dropout", dropout);
        put(given, "discriminator_hidden", dHidden);
        put(given, "seed", seed);
        put(given, "log_every", logEvery);
        put(given, "eval_every", evalEvery);
        put(given, "eval_sequences", evalSequences);
        put(given, "checkpoint_every", checkpointEvery);
        put(given, "samples", samples);
        String[][] options = {{"estimator", "--estimator"}, {"loss", "--loss"}, {"feedback", "--feedback"},
            {"steps", "--steps"}, {"discriminator_steps", "--d-steps"}, {"batch_size", "--batch-size"},
            {"generator_learning_rate", "--g-lr"}, {"discriminator_learning_rate", "--d-lr"}, {"beta1", "--beta1"},
            {"beta2", "--beta2"}, {"grad_clip", "--clip"}, {"baseline", "--baseline"},
            {"baseline_decay", "--baseline-decay"}, {"rollouts", "--rollouts"}, {"entropy_bonus", "--entropy-bonus"},
            {"discriminator", "--discriminator"}, {"discriminator_embedding", "--d-embedding"},
            {"filter_widths", "--filter-widths"}, {"filters_per_width", "--filters"}, {"dropout", "--dropout"},
            {"discriminator_hidden", "--d-hidden"}, {"seed", "--seed"}, {"log_every", "--log-every"},
            {"eval_every", "--eval-every"}, {"eval_sequences", "--eval-sequences"},
            {"checkpoint_every", "--checkpoint-every"}, {"samples", "--samples"}};
        apply(base, given, options, storedTrain != null);
        apply((ObjectNode) base.get("schedule"), sched, scheduleOptions, storedTrain != null);
        try {
            return CliSupport.JSON.treeToValue(base, AdversarialConfig.class);
        } catch (RuntimeException e) {
            throw CliSupport.validationError(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw CliSupport.validationError(new IllegalArgumentException(e.getMessage(), e));
        }
    }

    private void apply(ObjectNode base, ObjectNode given, String[][] options, boolean resuming) {
        for (String[] fo : options) {
            JsonNode v = given.get(fo[0]);
            if (v == null) {
                continue;
            }
            JsonNode old = base.get(fo[0]);
            if (resuming && old != null && !PretrainCommand.equalValues(old, v)) {
                if (fo[0].equals("steps")) {
                    CliSupport.require(v.asLong() >= old.asLong(), "--steps " + v + " is below the run's " + old
                            + ": a resumed run can only grow");
                } else {
                    throw new IllegalArgumentException(fo[1] + " " + v.asText() + " differs from the run's "
                            + (old.isContainerNode() ? old.toString() : old.asText())
                            + " (leave it out with --resume, or start over with --force)");
                }
            }
            base.set(fo[0], v);
        }
    }

    private static void put(ObjectNode node, String key, Object value) {
        if (value != null) {
            node.set(key, CliSupport.JSON.valueToTree(value));
        }
    }
}
