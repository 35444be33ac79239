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

import static org.textgan.app.cli.DeclaredOption.flag;
import static org.textgan.app.cli.DeclaredOption.of;

/** {@code textgan pretrain}: MLE pretraining of the char-LSTM generator on a dataset. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"Pretrain the char-LSTM generator by maximum likelihood (Adam, gradient clipping).",
            "Writes RUN_DIR/config.json (options and provenance), metrics.jsonl (step, train_nll, valid_bpc, wall_time_s), "
                + "checkpoints/ and, at the end, generator/ (the model 'textgan train --init' and 'textgan sample' load).",
            "--resume continues from the last checkpoint; the options must equal the run's, except that --steps may grow."})
public final class PretrainCommand extends CliCommand {
    static final DeclaredOption DATA = of("--data", "DATASET_DIR", Path.class, null, "Dataset directory (textgan prepare).").required();
    static final DeclaredOption OUT = of("--out", "RUN_DIR", Path.class, null, "Run directory to create.").required();
    static final DeclaredOption STEPS = of("--steps", "N", long.class, "2000", "Optimiser steps (default: ${DEFAULT-VALUE}).").atLeast(1);
    static final DeclaredOption BATCH_SIZE = of("--batch-size", "B", int.class, "64", "Sequences per step (default: ${DEFAULT-VALUE}).").atLeast(1);
    static final DeclaredOption LR = of("--lr", "LR", double.class, "2e-3", "Adam learning rate (default: ${DEFAULT-VALUE}).").positive();
    static final DeclaredOption CLIP = of("--clip", "NORM", double.class, "5", "Gradient-norm bound, 0 disables (default: ${DEFAULT-VALUE}).").nonNegative();
    static final DeclaredOption EMBEDDING = of("--embedding", "E", int.class, "32", "Embedding size (default: ${DEFAULT-VALUE}).").atLeast(1);
    static final DeclaredOption HIDDEN = of("--hidden", "H", int.class, "128", "LSTM hidden size (default: ${DEFAULT-VALUE}).").atLeast(1);
    static final DeclaredOption LAYERS = of("--layers", "L", int.class, "1", "Stacked LSTM layers (default: ${DEFAULT-VALUE}).").atLeast(1);
    static final DeclaredOption EVAL_EVERY = of("--eval-every", "N", long.class, "100",
            "Validate and log every N steps and at the end (default: ${DEFAULT-VALUE}).").atLeast(1);
    static final DeclaredOption CHECKPOINT_EVERY = of("--checkpoint-every", "N", long.class, "500",
            "Checkpoint every N steps and at the end (default: ${DEFAULT-VALUE}).").atLeast(1);
    static final DeclaredOption VALID_SEQUENCES = of("--valid-sequences", "N", int.class, "0",
            "Validate on at most N validation sequences, 0 for all (default: ${DEFAULT-VALUE}).").nonNegative();
    static final DeclaredOption SEED = of("--seed", "S", long.class, "1", "Seed of initialisation and batches (default: ${DEFAULT-VALUE}).");
    static final DeclaredOption RESUME = flag("--resume", "Continue the run in RUN_DIR from its last checkpoint.");
    static final DeclaredOption FORCE = flag("--force", "Delete RUN_DIR's contents and start over.");

    @Override
    public Integer call() throws Exception {
        DeclaredOptions.check(spec);
        RunMode mode = CliSupport.runMode(get(RESUME), get(FORCE));
        Path data = get(DATA);
        Path out = get(OUT);
        CliSupport.requireDistinct(out, data, "--data");
        Dataset dataset = CliSupport.dataset(data, null);
        int maxLength = DatasetSequences.generatorMaxLength(dataset);
        long seed = get(SEED);
        GeneratorConfig gc = GeneratorConfig.of(dataset.vocabulary().size(), maxLength, seed)
                .withSizes(get(EMBEDDING), get(HIDDEN), get(LAYERS));
        PretrainConfig pc = new PretrainConfig(get(STEPS), get(BATCH_SIZE), get(LR), get(CLIP), get(EVAL_EVERY),
                get(CHECKPOINT_EVERY), seed, get(VALID_SEQUENCES));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", data.toAbsolutePath().normalize().toString());
        config.put("generator", gc);
        config.put("pretrain", pc);
        if (mode == RunMode.RESUME) {
            checkResumable(out, config);
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
    private static void checkResumable(Path out, Map<String, Object> config) throws java.io.IOException {
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
