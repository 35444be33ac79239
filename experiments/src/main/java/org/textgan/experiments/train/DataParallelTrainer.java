package org.textgan.experiments.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.textgan.common.Json;
import org.textgan.common.Split;
import org.textgan.discriminator.Discriminator;
import org.textgan.experiments.run.MetricsLog;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.TokenSequences;
import org.textgan.spark.dataparallel.AllReduce;
import org.textgan.spark.dataparallel.BarrierAllReduce;
import org.textgan.spark.dataparallel.CommStats;
import org.textgan.spark.dataparallel.ReplicaBody;
import org.textgan.spark.dataparallel.ThreadAllReduce;

/**
 * Synchronous data-parallel adversarial training on the engine of {@code org.textgan.spark.dataparallel}: N threads of
 * this JVM ({@link #runOnThreads}) or the K tasks of one long-lived Spark barrier stage ({@link #runOnSpark}) each own
 * a replica ({@link AdversarialStepper}: both models, both optimisers, the estimator and its buffers), build it once,
 * compute their range of the global batch's fixed chunks in every round (each discriminator update, each round of the
 * generator update), all-reduce the results and run the same driver logic (the estimator's {@code next}/{@code
 * finish}/{@code commit}, clipping, Adam) on their own models. Only the rounds' results travel; no parameters are
 * broadcast and nothing is rebuilt per step. Because the chunks and their summation order do not depend on N or K, a
 * run's parameters have the same bits as the single-process trainer ({@link AdversarialTrainer}) with the same chunk
 * size, on any number of threads or tasks.
 *
 * <p>Replica 0 writes the run directory ({@code config.json} with {@code threads} or {@code workers}, {@code master}
 * and {@code chunk_rows}; {@code metrics.jsonl}; checkpoints); every replica resumes from the newest checkpoint (and
 * they check that they agree), so a killed run, or a Spark barrier stage that failed and is retried by Spark,
 * continues from its last checkpoint with the same numbers. With Spark the run directory must be on a file system the
 * executors and the driver share; the training sequences travel to each task once, with the stage. The end of the run
 * ({@code samples.txt}, {@code generator/}) is written by this JVM.
 */
public final class DataParallelTrainer {
    /** Ships the generator's config and the caller's config entries to the replicas as they are (names as declared). */
    private static final ObjectMapper JSON = Json.asDeclared();
    private static final String FAILURE_MARKER = ".injected-failure";

    private final TrainerInputs in;
    private long failOnceAtStep = -1;
    private Discriminator discriminator;
    private CommStats commStats = CommStats.NONE;

    /**
     * @param config the run's options
     * @param generator the generator, initialised from pretraining; trained in place
     * @param data the dataset
     * @param decoder turns char ids into text
     * @param run the opened run directory
     * @param chunkRows M, the rows of a chunk of the global batch (must divide it;
     *                  {@link AdversarialStepper#defaultChunkRows} is the single-process trainer's)
     */
    public DataParallelTrainer(AdversarialConfig config, CharLstmGenerator generator, TokenSequences data,
                               Function<int[], String> decoder, RunDirectory run, int chunkRows) {
        this.in = new TrainerInputs(config, generator, data, decoder, run, chunkRows);
    }

    /** @return the discriminator trained by the last run (null before) */
    public Discriminator discriminator() {
        return discriminator;
    }

    /** @return replica 0's communication totals of the last run (all-reduce calls, bytes, time) */
    public CommStats commStats() {
        return commStats;
    }

    /**
     * Test hook: the last replica fails once, before computing step {@code step} (a marker file in the run directory
     * records that it did), as a lost executor would.
     *
     * @param step the step
     */
    void failOnceAt(long step) {
        this.failOnceAtStep = step;
    }

    /**
     * Trains on {@code threads} threads of this JVM (replica 0 on the calling thread, training the given generator).
     *
     * @param threads N, at most the number of chunks
     * @param extraConfig more entries for {@code config.json}
     * @param progress progress listener (called by replica 0)
     * @return the outcome
     * @throws IOException on a failure to read or write the run directory
     */
    public AdversarialTrainer.Result runOnThreads(int threads, Map<String, Object> extraConfig,
                                                  TrainProgress progress) throws IOException {
        AdversarialStepper.validateChunks(in.config().batchSize(), in.chunkRows(), threads);
        Replica body = replica(extra(extraConfig, "threads", threads, "in-process"));
        body.local = in.generator();
        body.progress = progress;
        List<Replica.Outcome> out;
        try {
            out = ThreadAllReduce.run(threads, body);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        this.discriminator = body.localStepper.discriminator();
        return finish(out.get(0));
    }

    /**
     * Trains on the K tasks of one Spark barrier stage (the session needs K free task slots at once, dynamic
     * allocation off); the driver follows replica 0's {@code metrics.jsonl} for progress and loads the final
     * checkpoint into the given generator.
     *
     * @param spark the session
     * @param workers K, at most the number of chunks
     * @param extraConfig more entries for {@code config.json}
     * @param progress progress listener
     * @return the outcome
     * @throws IOException on a failure to read or write the run directory
     */
    public AdversarialTrainer.Result runOnSpark(SparkSession spark, int workers, Map<String, Object> extraConfig,
                                                TrainProgress progress) throws IOException {
        AdversarialStepper.validateChunks(in.config().batchSize(), in.chunkRows(), workers);
        Replica body = replica(extra(extraConfig, "workers", workers, spark.sparkContext().master()));
        Thread poll = new Thread(() -> followMetrics(progress), "textgan-train-progress");
        poll.setDaemon(true);
        poll.start();
        List<Replica.Outcome> out;
        try {
            out = BarrierAllReduce.run(spark, workers, body);
        } finally {
            poll.interrupt();
        }
        // the driver's copy of the models: the final checkpoint written by replica 0
        AdversarialStepper mine = new AdversarialStepper(in.config(), in.generator(), in.data().sequences(Split.TRAIN));
        if (TrainCheckpoint.loadLatest(in.run().checkpoints(), in.generator().parameters(), mine.discriminator().parameters(),
                mine.generatorAdam(), mine.discriminatorAdam()).isEmpty()) {
            throw new IllegalStateException("the data-parallel run left no checkpoint in " + in.run().checkpoints());
        }
        this.discriminator = mine.discriminator();
        return finish(out.get(0));
    }

    /** Reports the newest line of {@code metrics.jsonl} about once a second until interrupted. */
    private void followMetrics(TrainProgress progress) {
        long reported = -1;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
                if (Files.isRegularFile(in.run().metrics())) {
                    List<Map<String, Object>> rows = MetricsLog.read(in.run().metrics());
                    if (!rows.isEmpty()) {
                        StepRecord last = JSON.convertValue(rows.get(rows.size() - 1), StepRecord.class);
                        if (last.step() != reported) {
                            reported = last.step();
                            progress.onStep(last.step(), in.config().steps(), last);
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // a line being written: try again at the next tick
            }
        }
    }

    private AdversarialTrainer.Result finish(Replica.Outcome first) throws IOException {
        this.commStats = first.stats();
        AdversarialTrainer.Result r = first.result();
        return new AdversarialTrainer.Result(r.steps(), r.resumedFrom(), r.last(), r.secondsPerStep(),
                AdversarialTrainer.finish(in.config(), in.generator(), in.decoder(), in.run()));
    }

    private Map<String, Object> extra(Map<String, Object> extraConfig, String key, int n, String master) {
        Map<String, Object> all = new LinkedHashMap<>(extraConfig);
        all.put(key, n);
        all.put("master", master);
        all.put("chunk_rows", in.chunkRows());
        return all;
    }

    private Replica replica(Map<String, Object> extra) {
        try {
            return new Replica(new Replica.Inputs(in.config(), JSON.writeValueAsString(in.generator().config()),
                    in.generator().parameters().values(), in.data().vocabSize(),
                    in.data().sequences(Split.TRAIN).toArray(new int[0][]),
                    in.data().sequences(Split.VALID).toArray(new int[0][]),
                    in.data().sequences(Split.TEST).toArray(new int[0][]),
                    in.run().path().toAbsolutePath().toString(), in.chunkRows(), JSON.writeValueAsString(extra),
                    failOnceAtStep));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the run's configuration: " + e.getMessage(), e);
        }
    }

    /**
     * What every replica runs: build the models once (from the shipped initial values), then the training loop with
     * the all-reduce inside each round. Shipped to the Spark executors once per run.
     */
    static final class Replica implements ReplicaBody<Replica.Outcome> {
        private static final long serialVersionUID = 1L;
        private final Inputs shipped;
        /** Replica 0's generator when running on threads (trained in place), else null. */
        transient CharLstmGenerator local;
        transient TrainProgress progress;
        transient AdversarialStepper localStepper;

        /**
         * A replica's outcome.
         *
         * @param result the run's outcome (replica 0's; the others' equal it)
         * @param stats the replica's communication totals
         */
        record Outcome(AdversarialTrainer.Result result, CommStats stats) implements Serializable {
            private static final long serialVersionUID = 1L;
        }

        /**
         * What every replica is shipped.
         *
         * @param config the run's configuration
         * @param generatorJson the generator's config as JSON
         * @param initial the generator's initial parameter values ({@link org.textgan.tensor.ParameterSet#values})
         * @param vocab V
         * @param train the training sequences
         * @param valid the validation sequences
         * @param test the test sequences
         * @param runDir the run directory, absolute
         * @param chunkRows rows per chunk of a step
         * @param extraJson the extra entries of {@code config.json}, as JSON
         * @param failOnceAt the step before which the last replica fails once (tests), or a negative number
         */
        record Inputs(AdversarialConfig config, String generatorJson, double[] initial, int vocab, int[][] train,
                      int[][] valid, int[][] test, String runDir, int chunkRows, String extraJson, long failOnceAt)
                implements Serializable {
            private static final long serialVersionUID = 1L;
        }

        Replica(Inputs shipped) {
            this.shipped = shipped;
        }

        @Override
        public Outcome run(AllReduce reduce) throws IOException {
            boolean first = reduce.rank() == 0;
            CharLstmGenerator g;
            if (first && local != null) {
                g = local;
            } else {
                g = new CharLstmGenerator(JSON.readValue(shipped.generatorJson(), GeneratorConfig.class));
                g.parameters().setValues(shipped.initial());
            }
            TokenSequences seqs = TokenSequences.of(shipped.vocab(), Arrays.asList(shipped.train()),
                    Arrays.asList(shipped.valid()), Arrays.asList(shipped.test()));
            AdversarialStepper stepper = new AdversarialStepper(shipped.config(), g, seqs.sequences(Split.TRAIN),
                    shipped.chunkRows(), reduce);
            if (first) {
                localStepper = stepper;
            }
            Map<String, Object> extra = JSON.readValue(shipped.extraJson(),
                    new TypeReference<LinkedHashMap<String, Object>>() {
                    });
            RunDirectory dir = RunDirectory.adopt(Path.of(shipped.runDir()));
            TrainingLoop.Step step = (s, tau) -> {
                if (s == shipped.failOnceAt() && reduce.rank() == reduce.size() - 1) {
                    injectFailureOnce(dir.path().resolve(FAILURE_MARKER), s);
                }
                return stepper.step(s, tau);
            };
            TrainingLoop.Role role = new TrainingLoop.Role(first, start -> agree(reduce, start), reduce);
            AdversarialTrainer.Result r = TrainingLoop.run(shipped.config(), g, seqs, null, dir, extra,
                    TrainingLoop.State.of(stepper), step, progress == null ? TrainProgress.none() : progress, role);
            return new Outcome(r, reduce.stats());
        }

        private static void injectFailureOnce(Path marker, long step) {
            try {
                if (!Files.exists(marker)) {
                    Files.writeString(marker, "injected failure before step " + step + "\n");
                    throw new IllegalStateException("injected failure before step " + step);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Every replica must resume from the same checkpoint. */
        private static void agree(AllReduce reduce, long start) {
            int n = reduce.size();
            // chunk r is replica r's own value: a static range, whatever assignment the transport's sum would make
            double[] starts = AllReduce.staticSum(reduce, n, false, c -> {
                double[] v = new double[n];
                v[c] = start;
                return v;
            });
            for (int r = 0; r < n; r++) {
                if (starts[r] != start) {
                    throw new IllegalStateException("replica " + r + " resumes from step " + (long) starts[r]
                            + ", replica " + reduce.rank() + " from step " + start + ": the checkpoints changed while "
                            + "the run started; run it again");
                }
            }
        }
    }
}
