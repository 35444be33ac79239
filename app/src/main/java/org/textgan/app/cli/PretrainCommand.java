package org.textgan.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.textgan.common.progress.ProgressBar;
import org.textgan.data.Dataset;
import org.textgan.experiments.data.DatasetSequences;
import org.textgan.experiments.run.Provenance;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.experiments.run.RunMode;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.PretrainConfig;
import org.textgan.generator.lstm.PretrainMetrics;
import org.textgan.generator.lstm.PretrainProgress;
import org.textgan.generator.lstm.Pretrainer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code textgan pretrain}: MLE pretraining of the char-LSTM generator on a dataset. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"Pretrain the char-LSTM generator by maximum likelihood (Adam, gradient clipping).",
            "Writes RUN_DIR/config.json (options and provenance), metrics.jsonl (step, train_nll, valid_bpc, wall_time_s), "
                + "checkpoints/ and, at the end, generator/ (the model 'textgan train --init' and 'textgan sample' load).",
            "--resume continues from the last checkpoint; the options must equal the run's, except that --steps may grow."})
public final class PretrainCommand extends CliCommand {
    @Option(names = "--data", required = true, paramLabel = "DATASET_DIR", description = "Dataset directory (textgan prepare).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run directory to create.")
    Path out;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "2000", description = "Optimiser steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64", description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "2e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "5", description = "Gradient-norm bound, 0 disables (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--embedding", paramLabel = "E", defaultValue = "32", description = "Embedding size (default: ${DEFAULT-VALUE}).")
    int embedding;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "128", description = "LSTM hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", paramLabel = "L", defaultValue = "1", description = "Stacked LSTM layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "100",
            description = "Validate and log every N steps and at the end (default: ${DEFAULT-VALUE}).")
    long evalEvery;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "500",
            description = "Checkpoint every N steps and at the end (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--valid-sequences", paramLabel = "N", defaultValue = "0",
            description = "Validate on at most N validation sequences, 0 for all (default: ${DEFAULT-VALUE}).")
    int validSequences;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of initialisation and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Continue the run in RUN_DIR from its last checkpoint.")
    boolean resume;

    @Option(names = "--force", description = "Delete RUN_DIR's contents and start over.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        CliSupport.require(steps >= 1, "--steps must be at least 1, got " + steps);
        CliSupport.require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
        CliSupport.require(lr > 0 && Double.isFinite(lr), "--lr must be positive, got " + lr);
        CliSupport.require(clip >= 0 && Double.isFinite(clip), "--clip must be >= 0, got " + clip);
        CliSupport.require(embedding >= 1, "--embedding must be at least 1, got " + embedding);
        CliSupport.require(hidden >= 1, "--hidden must be at least 1, got " + hidden);
        CliSupport.require(layers >= 1, "--layers must be at least 1, got " + layers);
        CliSupport.require(evalEvery >= 1, "--eval-every must be at least 1, got " + evalEvery);
        CliSupport.require(checkpointEvery >= 1, "--checkpoint-every must be at least 1, got " + checkpointEvery);
        CliSupport.require(validSequences >= 0, "--valid-sequences must be >= 0, got " + validSequences);
        RunMode mode = CliSupport.runMode(resume, force);
        CliSupport.requireDistinct(out, data, "--data");
        Dataset dataset = CliSupport.dataset(data, null);
        int maxLength = DatasetSequences.generatorMaxLength(dataset);
        GeneratorConfig gc = GeneratorConfig.of(dataset.vocabulary().size(), maxLength, seed)
                .withSizes(embedding, hidden, layers);
        PretrainConfig pc = new PretrainConfig(steps, batchSize, lr, clip, evalEvery, checkpointEvery, seed, validSequences);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", data.toAbsolutePath().normalize().toString());
        config.put("generator", gc);
        config.put("pretrain", pc);
        if (mode == RunMode.RESUME) {
            checkResumable(config);
        }
        RunDirectory run = RunDirectory.open(out, mode);
        run.writeConfig(config, Provenance.current());

        PrintWriter o = out();
        ProgressBar bar = ProgressBar.forSteps(spec.commandLine().getErr(), common.quiet(), "pretrain");
        double[] validBpc = {Double.NaN};
        CharLstmGenerator generator = new CharLstmGenerator(gc);
        Pretrainer.Result r = new Pretrainer(generator, new DatasetSequences(dataset), pc, out).run(new PretrainProgress() {
            @Override
            public void onStep(long step, long total, double trainNll) {
                bar.update(step, total, String.format(Locale.ROOT, "train %.3f nats  valid %s bpc", trainNll,
                        Double.isNaN(validBpc[0]) ? "--" : String.format(Locale.ROOT, "%.3f", validBpc[0])));
            }

            @Override
            public void onEval(PretrainMetrics m) {
                validBpc[0] = m.validBpc();
            }
        });
        bar.finish();
        if (r.resumedFrom() > 0) {
            o.printf(Locale.ROOT, "resumed from step %d%n", r.resumedFrom());
        }
        PretrainMetrics last = r.last();
        o.printf(Locale.ROOT, "steps            %d%n", r.steps());
        if (last != null) {
            o.printf(Locale.ROOT, "train nll        %.4f nats/char%n", last.trainNll());
            o.printf(Locale.ROOT, "valid            %.4f bits/char%n", last.validBpc());
            o.printf(Locale.ROOT, "wall time        %.1f s%n", last.wallTimeSeconds());
        }
        o.printf("run              %s%n", out);
        o.printf("generator        %s%n", r.generatorDir());
        o.flush();
        return 0;
    }

    /** A resumed run must have the same options, except that --steps may grow. */
    private void checkResumable(Map<String, Object> config) throws java.io.IOException {
        JsonNode stored = CliSupport.runConfig(out).orElse(null);
        if (stored == null) {
            return; // RunDirectory.open reports it
        }
        ObjectNode now = CliSupport.JSON.valueToTree(config);
        for (String section : new String[] {"generator", "pretrain"}) {
            JsonNode a = stored.get(section);
            JsonNode b = now.get(section);
            if (a == null) {
                continue;
            }
            for (var it = b.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode old = a.get(e.getKey());
                if (e.getKey().equals("steps")) {
                    if (old != null && e.getValue().asLong() < old.asLong()) {
                        throw new IllegalArgumentException("--steps " + e.getValue() + " is below the run's " + old
                                + ": a resumed run can only grow");
                    }
                } else if (old != null && !equalValues(old, e.getValue())) {
                    throw new IllegalArgumentException("cannot resume " + out + ": " + section + "." + e.getKey() + " is "
                            + e.getValue() + " but the run has " + old + " (resume with the run's options, or --force)");
                }
            }
        }
    }

    static boolean equalValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.asDouble() == b.asDouble();
        }
        return a.equals(b);
    }
}
