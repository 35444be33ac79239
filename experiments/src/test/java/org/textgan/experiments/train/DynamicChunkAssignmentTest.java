package org.textgan.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.common.Split;
import org.textgan.data.Dataset;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.schedule.TemperatureSchedule;
import org.textgan.spark.dataparallel.AllReduce;
import org.textgan.spark.dataparallel.ThreadAllReduce;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * The thread transport's dynamic chunk assignment gives the single-process trainer's bits for every estimator, under
 * a lopsided schedule ({@link LopsidedAllReduce}): in each round one replica computes at most one chunk and the others
 * take the rest, and the slow replica rotates, so chunks change hands between the rounds of a step (REINFORCE's
 * scoring and gradient rounds, REBAR's and RELAX's estimate and tuning rounds, whose tuning round re-scores a chunk
 * that another replica sampled in round 0) and between steps. Float64, dropout on, 3 steps.
 */
class DynamicChunkAssignmentTest {
    private static final int T = 10;
    private static final int STEPS = 3;
    private static final int BATCH = 8;
    /** Rows per chunk: 4 chunks. */
    private static final int CHUNK = 2;

    @TempDir
    static Path shared;
    static Dataset dataset;

    @BeforeAll
    static void prepare() throws IOException {
        dataset = SmallCorpus.prepare(shared, 20_000, T);
    }

    /** {@link EstimatorShardingTest}'s options with a batch of 8 (4 chunks) and one discriminator update per step. */
    private static AdversarialConfig config(String estimator, String baseline, int rollouts, double entropy,
                                            String discriminator) {
        return EstimatorShardingTest.config(estimator, baseline, rollouts, entropy, discriminator)
                .withSteps(STEPS, 1, BATCH);
    }

    private static CharLstmGenerator generator() {
        return SmallCorpus.generator(dataset, T, 12, Precision.FLOAT64);
    }

    /** Trains a fresh generator for {@link #STEPS} steps; returns each replica's generator and discriminator. */
    private static List<ParameterSet[]> train(AdversarialConfig cfg, int threads, LopsidedAllReduce.Schedule schedule)
            throws Exception {
        List<int[]> seqs = dataset.split(Split.TRAIN).sequences();
        TemperatureSchedule tau = cfg.schedule().build(STEPS);
        return ThreadAllReduce.run(threads, reduce -> {
            CharLstmGenerator g = generator();
            AllReduce r = schedule == null ? reduce : new LopsidedAllReduce(reduce, schedule);
            AdversarialStepper s = new AdversarialStepper(cfg, g, seqs, CHUNK, r);
            for (long step = 1; step <= STEPS; step++) {
                s.step(step, tau.tau(step - 1));
            }
            return new ParameterSet[] {g.parameters(), s.discriminator().parameters()};
        });
    }

    private static void check(String what, AdversarialConfig cfg) throws Exception {
        ParameterSet[] one = train(cfg, 1, null).get(0);
        double moved = SmallCorpus.DataParallelFixture.relativeDifference(
                generator().parameters(), one[0]);
        assertTrue(moved > 1e-5, what + ": training moved G by " + moved);
        for (int threads : new int[] {2, 3}) {
            LopsidedAllReduce.Schedule schedule = new LopsidedAllReduce.Schedule();
            List<ParameterSet[]> replicas = train(cfg, threads, schedule);
            for (int r = 0; r < threads; r++) {
                for (int m = 0; m < 2; m++) {
                    assertEquals(0.0, SmallCorpus.DataParallelFixture.maxAbsDiff(one[m], replicas.get(r)[m]),
                            what + ", " + threads + " threads, replica " + r + ", " + (m == 0 ? "G" : "D"));
                }
            }
            // the schedule was lopsided: the slow replica of a round computed at most one chunk, and (2 threads)
            // chunks changed hands from each round to the next
            int rounds = schedule.owners.size();
            int moves = 0;
            for (long round = 0; round < rounds; round++) {
                int[] owners = schedule.owners.get(round);
                int slow = (int) (round % threads);
                assertTrue(Arrays.stream(owners).filter(o -> o == slow).count() <= 1,
                        what + ": round " + round + " owners " + Arrays.toString(owners));
                int[] next = schedule.owners.get(round + 1);
                for (int c = 0; next != null && c < Math.min(owners.length, next.length); c++) {
                    assertTrue(owners[c] >= 0, what + ": chunk " + c + " of round " + round + " not computed");
                    moves += owners[c] != next[c] ? 1 : 0;
                }
            }
            if (threads == 2) {
                // the replica that computed at least 3 of the 4 chunks of a round computes at most 1 in the next
                assertTrue(moves >= 2 * (rounds - 1), what + ": chunks changed hands " + moves + " times in "
                        + rounds + " rounds");
            }
        }
    }

    @Test
    void gumbelAndStraightThrough() throws Exception {
        check("gumbel", config("gumbel", "none", 0, 0, "cnn"));
        check("st-gumbel-lstm", config("st-gumbel", "none", 0, 0, "lstm"));
    }

    @Test
    void reinforceWithBaselinesRolloutsAndEntropy() throws Exception {
        check("reinforce-ma-entropy-lstm", config("reinforce", "moving-average", 0, 0.05, "lstm"));
        check("reinforce-loo-rollouts", config("reinforce", "leave-one-out", 2, 0, "cnn"));
    }

    @Test
    void rebarAndRelaxWithTuning() throws Exception {
        AdversarialConfig rebar = config("rebar", "none", 0, 0, "cnn");
        assertTrue(rebar.cvLearningRate() > 0, "REBAR tunes its control variate");
        check("rebar-tuned-cnn", rebar);
        check("rebar-tuned-lstm", config("rebar", "none", 0, 0, "lstm"));
        check("relax-tuned-cnn", config("relax", "none", 0, 0, "cnn"));
    }

    @Test
    void mleContinued() throws Exception {
        check("mle-continued", config("mle-continued", "none", 0, 0, "cnn"));
    }
}
