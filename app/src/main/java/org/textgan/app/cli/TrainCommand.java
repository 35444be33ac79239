package org.textgan.app.cli;

import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.textgan.experiments.train.AdversarialStepper;
import org.textgan.experiments.train.DataParallelTrainer;
import org.textgan.experiments.train.TrainProgress;
import org.textgan.spark.SparkSessions;

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
import org.textgan.common.EnumIds;
import org.textgan.common.progress.ProgressBar;
import org.textgan.experiments.train.Estimator;
import org.textgan.experiments.train.TrainOption;
import org.textgan.interop.ExportFiles;
import org.textgan.interop.GeneratorImport;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code textgan train}: adversarial training of a pretrained generator. Options not given take the defaults of
 * {@link AdversarialConfig#defaults} (fresh run) or the run's {@code config.json} ({@code --resume}); on resume an
 * option that differs from the run's value is refused, {@code --steps} included (the schedule depends on it).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainCommand.TrainOptions.class,
        description = {"Adversarial training of a pretrained generator against a CNN/LSTM discriminator, with the "
                + "Gumbel-Softmax relaxation (gumbel), its straight-through variant (st-gumbel) or REINFORCE.",
            "Writes RUN/config.json (all options and provenance), metrics.jsonl, checkpoints/, samples.txt and generator/.",
            "--resume continues from the last checkpoint and reads the options back from RUN/config.json: options "
                + "may be left out, options given (--steps included) must equal the run's."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DATASET_DIR", description = "Dataset directory (required unless --resume).")
    Path data;

    @Option(names = "--init", paramLabel = "PRETRAIN_RUN",
            description = "Pretraining run whose generator/ starts the run, or a 'textgan export' directory (required unless --resume).")
    Path init;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "Run directory to create (or resume).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in RUN from its last checkpoint.")
    boolean resume;

    @Option(names = "--force", description = "Delete RUN's contents and start over.")
    boolean force;

    @Option(names = "--threads", paramLabel = "N",
            description = "Data-parallel replica threads in this JVM: the global batch's chunks are split among them "
                    + "and their results added in one fixed order, so the numbers do not depend on N (default: the "
                    + "available cores, at most the number of chunks).")
    Integer threads;

    @Option(names = "--spark", arity = "0..1", paramLabel = "MASTER", fallbackValue = "",
            description = "Data-parallel training on Spark: one long-lived barrier stage of K tasks, each with its own "
                    + "replica, exchanging only gradients every update; the same numbers as without Spark (MASTER "
                    + "defaults to spark-submit's, else local[*,4]). Needs K free task slots; RUN must be on a file "
                    + "system the executors share.")
    String spark;

    @Option(names = "--workers", paramLabel = "K",
            description = "Barrier tasks with --spark (default: 2); at most the number of chunks.")
    Integer workers;

    @Option(names = "--chunk-rows", paramLabel = "M",
            description = "Rows per chunk of the global batch, the unit of work and of the fixed summation order; "
                    + "must divide --batch-size (default: " + AdversarialStepper.DEFAULT_CHUNK_ROWS + " if it divides "
                    + "the batch size, else the batch size; on --resume, the run's).")
    Integer chunkRows;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        CliSupport.require(workers == null || spark != null, "--workers needs --spark");
        CliSupport.require(workers == null || workers >= 1, "--workers must be at least 1, got " + workers);
        CliSupport.require(threads == null || spark == null, "--threads and --spark exclude each other");
        CliSupport.require(threads == null || threads >= 1, "--threads must be at least 1, got " + threads);
        RunMode mode = CliSupport.runMode(resume, force);
        ObjectNode stored = null;
        if (mode == RunMode.RESUME) {
            stored = (ObjectNode) CliSupport.runConfig(out).orElseThrow(() -> new IllegalArgumentException(
                    "cannot resume " + out + ": it has no config.json (start a new run without --resume)"));
            CliSupport.require(stored.has("train"), "cannot resume " + out + ": its config.json has no 'train' options");
        } else {
            CliSupport.require(data != null, "--data is required");
            CliSupport.require(init != null, "--init is required");
            CliSupport.require(given(TrainOption.ESTIMATOR) != null, "--estimator is required ("
                    + EnumIds.ids(Estimator.class).replace("|", ", ") + ")");
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
        int rows = chunkRows(stored, config);
        Dataset dataset = CliSupport.dataset(dataDir, null);
        CharLstmGenerator generator = loadInit(initDir);

        RunDirectory run = RunDirectory.open(out, mode);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("data", dataDir.toAbsolutePath().normalize().toString());
        extra.put("init", initDir.toAbsolutePath().normalize().toString());
        extra.put("generator", generator.config());

        ProgressBar bar = ProgressBar.forSteps(spec.commandLine().getErr(), common.quiet(), "train");
        TrainProgress progress = (step, total, rec) -> bar.update(step, total,
                String.format(Locale.ROOT, "d_loss %.3f  g_loss %.3f  tau %.3g", rec.dLoss(), rec.gLoss(), rec.tau()));
        int chunks = config.batchSize() / rows;
        CliSupport.require(threads == null || threads <= chunks, "--threads " + threads + " exceeds the " + chunks
                + " chunks of the batch (--batch-size " + config.batchSize() + " / --chunk-rows " + rows
                + "): lower --threads or --chunk-rows");
        int k = workers == null ? 2 : workers;
        CliSupport.require(spark == null || k <= chunks, "--workers " + k + " exceeds the " + chunks
                + " chunks of the batch (--batch-size " + config.batchSize() + " / --chunk-rows " + rows
                + "): lower --workers or --chunk-rows");
        DataParallelTrainer trainer = new DataParallelTrainer(config, generator, new DatasetSequences(dataset),
                dataset.vocabulary()::decode, run, rows);
        AdversarialTrainer.Result r;
        if (spark == null) {
            int n = threads != null ? threads : Math.min(chunks, Runtime.getRuntime().availableProcessors());
            r = trainer.runOnThreads(n, extra, progress);
        } else {
            SparkSession session = SparkSessions.getOrCreate("textgan-train",
                    spark.isEmpty() ? Optional.empty() : Optional.of(spark), Map.of());
            try {
                r = trainer.runOnSpark(session, k, extra, progress);
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
            o.printf(Locale.ROOT, "d_accuracy       %.4f%n", last.dAccuracy());
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

    /** The chunk size: given, or the run's on resume (it must not change), or the default. */
    private int chunkRows(ObjectNode stored, AdversarialConfig config) {
        Integer before = stored != null && stored.has("chunk_rows") ? stored.get("chunk_rows").asInt() : null;
        if (stored != null && before == null) {
            // runs from before chunking summed the whole batch at once
            before = config.batchSize();
        }
        CliSupport.require(before == null || chunkRows == null || before.equals(chunkRows), "--chunk-rows "
                + chunkRows + " differs from the run's " + before + " (leave it out with --resume, or start over "
                + "with --force)");
        int rows = chunkRows != null ? chunkRows : before != null ? before
                : AdversarialStepper.defaultChunkRows(config.batchSize());
        CliSupport.require(rows >= 1 && config.batchSize() % rows == 0, "--chunk-rows " + rows
                + " must divide --batch-size " + config.batchSize());
        return rows;
    }

    private static CharLstmGenerator loadInit(Path initDir) throws java.io.IOException {
        if (ExportFiles.isExport(initDir)) {
            return GeneratorImport.load(initDir);
        }
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
     * command line applied; on resume a given option must equal the stored value.
     */
    AdversarialConfig config(ObjectNode storedTrain) {
        ObjectNode base = storedTrain != null ? storedTrain.deepCopy()
                : CliSupport.JSON.valueToTree(AdversarialConfig.defaults(Estimator.parse((String) given(TrainOption.ESTIMATOR))));
        for (TrainOption o : TrainOption.values()) {
            Object v = given(o);
            if (v == null) {
                continue;
            }
            ObjectNode target = o.inSchedule() ? (ObjectNode) base.get("schedule") : base;
            JsonNode value = CliSupport.JSON.valueToTree(v);
            JsonNode old = target.get(o.leafKey());
            if (storedTrain != null && old != null && !PretrainCommand.equalValues(old, value)) {
                String why = o == TrainOption.STEPS ? " (a run keeps its length, which its temperature schedule "
                        + "depends on: leave --steps out with --resume, or start over with --force)"
                        : " (leave it out with --resume, or start over with --force)";
                throw new IllegalArgumentException(o.flag() + " " + value.asText() + " differs from the run's "
                        + (old.isContainerNode() ? old.toString() : old.asText()) + why);
            }
            target.set(o.leafKey(), value);
        }
        try {
            return CliSupport.JSON.treeToValue(base, AdversarialConfig.class);
        } catch (RuntimeException e) {
            throw CliSupport.validationError(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw CliSupport.validationError(new IllegalArgumentException(e.getMessage(), e));
        }
    }

    /** @return the value given on the command line for an option, or null */
    private Object given(TrainOption option) {
        return spec.findOption(option.flag()).getValue();
    }

    /** Adds one picocli option per {@link TrainOption} (flag, label, type, help text with the default). */
    public static final class TrainOptions implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            for (TrainOption o : TrainOption.values()) {
                OptionSpec.Builder b = OptionSpec.builder(o.flag()).paramLabel(o.label())
                        .description(o.description());
                if (o.type() == List.class) {
                    b.type(List.class).auxiliaryTypes(Integer.class).splitRegex(",");
                } else if (o.type().isEnum()) {
                    b.type(String.class);
                } else {
                    b.type(o.type());
                }
                command.addOption(b.build());
            }
            return command;
        }
    }
}
