package org.textgan.generator.lstm;

import com.fasterxml.jackson.annotation.JsonAlias;
import org.textgan.common.Seeds;
import org.textgan.common.Split;
import org.textgan.common.FileTrees;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.textgan.tensor.Adam;
import org.textgan.tensor.AdamConfig;

/**
 * MLE pretraining of a {@link CharLstmGenerator} with Adam and gradient clipping, on batches drawn with replacement
 * from the training split. Every {@code evalEvery} steps it appends a {@link PretrainMetrics} line to
 * {@code metrics.jsonl}; every {@code checkpointEvery} steps it writes a checkpoint (parameters, Adam state, step,
 * running loss and wall time) to {@code checkpoints/step-NNNNNNNNN/} and then atomically points
 * {@code checkpoints/latest.json} at it. Batch draws at step {@code s} come from a generator seeded by
 * {@code (seed, s)} alone, so the checkpoint needs no RNG state and a resumed run reproduces the uninterrupted one
 * exactly. At the end the trained generator is saved to {@code generator/} in the run directory. A fresh run writes
 * {@code config.json} (generator and pretraining options) unless the caller has already written one (the CLI writes
 * a fuller one with provenance).
 */
public final class Pretrainer {
    /** Metrics file name in the run directory. */
    public static final String METRICS_FILE = "metrics.jsonl";
    /** Checkpoint directory name in the run directory. */
    public static final String CHECKPOINTS_DIR = "checkpoints";
    /** The final model's directory name in the run directory. */
    public static final String GENERATOR_DIR = "generator";
    private static final Logger LOG = LoggerFactory.getLogger(Pretrainer.class);
    private static final String LATEST = "latest.json";
    private static final ObjectMapper JSON = org.textgan.common.Json.compact();

    private final CharLstmGenerator generator;
    private final TokenSequences data;
    private final PretrainConfig config;
    private final Path runDir;

    /** What a checkpoint records besides parameters and Adam state. */
    record TrainerState(long step, @JsonAlias("trainLossSum") double trainLossSum,
                        @JsonAlias("trainLossCount") long trainLossCount,
                        @JsonAlias("wallSeconds") double wallSeconds) {
    }

    /** The pointer to the latest complete checkpoint. */
    record Latest(long step, String dir) {
    }

    /**
     * The outcome of a run.
     *
     * @param steps steps completed
     * @param resumedFrom the step resumed from (0 for a fresh run)
     * @param last the last metrics line
     * @param generatorDir where the final generator was saved
     */
    public record Result(long steps, long resumedFrom, PretrainMetrics last, Path generatorDir) {
    }

    /**
     * @param generator the model to train (its current parameters are the starting point of a fresh run)
     * @param data the dataset; its vocabulary size must match the generator's
     * @param config hyper-parameters
     * @param runDir the run directory (created if needed); a checkpoint there is resumed from
     */
    public Pretrainer(CharLstmGenerator generator, TokenSequences data, PretrainConfig config, Path runDir) {
        data.requireTrainable(generator.config().vocabSize());
        this.generator = generator;
        this.data = data;
        this.config = config;
        this.runDir = runDir;
    }

    /**
     * Trains to {@code config.steps()}, resuming from the run directory's latest checkpoint if there is one.
     *
     * @param progress progress callback
     * @return the outcome
     * @throws IOException on a failure to read or write the run directory
     */
    public Result run(PretrainProgress progress) throws IOException {
        Files.createDirectories(runDir.resolve(CHECKPOINTS_DIR));
        Path metrics = runDir.resolve(METRICS_FILE);
        Adam adam = new Adam(generator.parameters(), AdamConfig.of(config.learningRate()));
        TrainerState state = new TrainerState(0, 0, 0, 0);
        Path latest = runDir.resolve(CHECKPOINTS_DIR).resolve(LATEST);
        if (Files.exists(latest)) {
            Latest l = org.textgan.common.JsonFiles.read(JSON, latest, Latest.class, "checkpoint pointer");
            Path dir = runDir.resolve(CHECKPOINTS_DIR).resolve(l.dir());
            if (!Files.isDirectory(dir)) {
                throw new IOException(latest + ": names checkpoint " + l.dir() + ", which does not exist (" + dir + ")");
            }
            generator.parameters().load(dir.resolve(CharLstmGenerator.PARAMS_FILE));
            adam.load(dir.resolve("adam.state"));
            state = org.textgan.common.JsonFiles.read(JSON, dir.resolve("trainer.json"), TrainerState.class,
                    "checkpoint state");
            truncateMetrics(metrics, state.step());
            LOG.info("resuming {} from step {}", runDir, state.step());
        } else {
            Files.deleteIfExists(metrics);
            if (!Files.exists(runDir.resolve("config.json"))) { // a caller (the CLI) may have written a fuller one
                CharLstmGenerator.writeJsonAtomically(runDir.resolve("config.json"),
                        Map.of("generator", generator.config(), "pretrain", config));
            }
        }
        long resumedFrom = state.step();
        TeacherForcedPass pass = generator.teacherForced(config.batchSize());
        NllEvaluator evaluator = new NllEvaluator(generator, config.batchSize());
        List<int[]> train = data.sequences(Split.TRAIN);
        List<int[]> valid = data.sequences(Split.VALID);
        if (config.maxValidSequences() > 0 && valid.size() > config.maxValidSequences()) {
            valid = valid.subList(0, config.maxValidSequences());
        }
        double lossSum = state.trainLossSum();
        long lossCount = state.trainLossCount();
        long started = System.nanoTime();
        double wallBefore = state.wallSeconds();
        PretrainMetrics last = null;
        List<int[]> picked = new ArrayList<>(config.batchSize());
        for (long step = state.step() + 1; step <= config.steps(); step++) {
            picked.clear();
            for (int i : batchIndices(config.seed(), step, config.batchSize(), train.size())) {
                picked.add(train.get(i));
            }
            generator.parameters().zeroGrad();
            double loss = pass.mleStep(TokenBatch.of(picked, config.batchSize(), generator.config().maxLength()));
            generator.parameters().clipGradNorm(config.clipNorm());
            adam.update();
            lossSum += loss;
            lossCount++;
            progress.onStep(step, config.steps(), loss);
            double wall = wallBefore + (System.nanoTime() - started) / 1e9;
            if (step % config.evalEvery() == 0 || step == config.steps()) {
                double bpc = valid.isEmpty() ? Double.NaN : evaluator.evaluate(valid).bitsPerChar();
                last = new PretrainMetrics(step, lossSum / lossCount, bpc, wall);
                appendLine(metrics, JSON.writeValueAsString(last));
                progress.onEval(last);
                LOG.info("step {}: train {} nats/char, valid {} bits/char", step, last.trainNll(), bpc);
                lossSum = 0;
                lossCount = 0;
            }
            if (step % config.checkpointEvery() == 0 || step == config.steps()) {
                checkpoint(adam, new TrainerState(step, lossSum, lossCount, wall));
            }
        }
        Path out = runDir.resolve(GENERATOR_DIR);
        generator.save(out);
        return new Result(config.steps(), resumedFrom, last, out);
    }

    /**
     * The training sequences of a step: drawn with replacement by a generator seeded from {@code (seed, step)} alone.
     *
     * @param seed the run's batch seed
     * @param step the step (1-based)
     * @param batch B
     * @param trainSize the number of training sequences
     * @return B indices into the training split
     */
    public static int[] batchIndices(long seed, long step, int batch, int trainSize) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, step));
        int[] out = new int[batch];
        for (int b = 0; b < batch; b++) {
            out[b] = rng.nextInt(trainSize);
        }
        return out;
    }

    private void checkpoint(Adam adam, TrainerState state) throws IOException {
        Path root = runDir.resolve(CHECKPOINTS_DIR);
        String name = String.format(java.util.Locale.ROOT, "step-%09d", state.step());
        Path dir = root.resolve(name);
        generator.save(dir);
        adam.save(dir.resolve("adam.state"));
        CharLstmGenerator.writeJsonAtomically(dir.resolve("trainer.json"), state);
        CharLstmGenerator.writeJsonAtomically(root.resolve(LATEST), new Latest(state.step(), name));
        try (Stream<Path> old = Files.list(root)) {
            for (Path p : old.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().equals(name))
                    .toList()) {
                deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        FileTrees.deleteRecursively(dir);
    }

    private static void appendLine(Path file, String line) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            w.write(line);
            w.write('\n');
        }
    }

    /** Keeps only the metrics lines of steps up to {@code step} (those an interrupted run logged after it go). */
    private static void truncateMetrics(Path file, long step) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> keep = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && JSON.readTree(line).get("step").asLong() <= step) {
                keep.add(line);
            }
        }
        StringBuilder text = new StringBuilder();
        keep.forEach(l -> text.append(l).append('\n'));
        org.textgan.common.AtomicFiles.write(file, text.toString());
    }
}
