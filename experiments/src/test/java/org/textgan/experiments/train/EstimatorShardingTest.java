package org.textgan.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.textgan.generator.lstm.Feedback;
import org.textgan.discriminator.DiscriminatorKind;
import org.textgan.discriminator.GanLoss;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.experiments.run.RunMode;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.schedule.ScheduleSpec;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * {@code train --threads N} and {@code train --spark --workers K} (the data-parallel engine: N replica threads, or the
 * K tasks of one real local Spark barrier stage) equal the single-process trainer users run without Spark
 * ({@link AdversarialTrainer}) on the same global batch after 5 steps, for every estimator and REINFORCE variant, with
 * the discriminator's dropout on: both models' parameters have the same bits, because every chunk's randomness depends
 * on its global rows and the chunk results are added along one fixed tree.
 */
class EstimatorShardingTest {
    private static final int T = 10;
    private static final int STEPS = 5;
    /** Rows per chunk: a batch of 6 is 3 chunks, so 2 Spark tasks own 1 and 2 chunks. */
    private static final int CHUNK = 2;

    @TempDir
    static Path shared;
    static SmallCorpus.DataParallelFixture fixture;

    @BeforeAll
    static void prepare() throws IOException {
        fixture = SmallCorpus.DataParallelFixture.start(shared, 20_000, T, CHUNK, "local[2]", "WARN");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The options of these tests: RSGAN, a linear tau schedule, dropout 0.25, seed 7, batch 6, k = 2. */
    static AdversarialConfig config(String estimator, String baseline, int rollouts, double entropy,
                                    String discriminator) {
        AdversarialConfig d = AdversarialConfig.defaults(Estimator.parse(estimator));
        return d.withGan(GanLoss.RSGAN, new ScheduleSpec("linear", 1.0, 0.1, 1e-3, 2, 10), Feedback.SOFT)
                .withSteps(STEPS, 2, 6).withOptimiser(1e-3, 1e-3, d.gradClip())
                .withReinforce(Baseline.parse(baseline), 0.9, rollouts, entropy)
                .withDiscriminator(DiscriminatorKind.parse(discriminator), 8, 8)
                .withCnn(List.of(2, 3), 8, 0.25).withSeed(7)
                .withReporting(1, 0, 32, 0).withSamples(0);
    }

    private static ParameterSet[] single(AdversarialConfig cfg, Path dir) throws IOException {
        CharLstmGenerator g = generator();
        fixture.single(cfg, g, dir);
        return new ParameterSet[] {g.parameters(), fixture.lastDiscriminator(cfg, g, dir)};
    }

    /** K Spark barrier tasks with a session, else K threads. */
    private static ParameterSet[] distributed(AdversarialConfig cfg, Path dir, SparkSession session, int k)
            throws IOException {
        CharLstmGenerator g = generator();
        DataParallelTrainer t = fixture.trainer(cfg, g, dir, RunMode.CREATE);
        if (session != null) {
            t.runOnSpark(session, k, Map.of(), TrainProgress.none());
        } else {
            t.runOnThreads(k, Map.of(), TrainProgress.none());
        }
        return new ParameterSet[] {g.parameters(), t.discriminator().parameters()};
    }

    private static CharLstmGenerator generator() {
        return fixture.generator(12, Precision.FLOAT64);
    }

    static double relativeDifference(ParameterSet a, ParameterSet b) {
        return SmallCorpus.DataParallelFixture.relativeDifference(a, b);
    }

    private static void check(String what, AdversarialConfig cfg, Path tmp) throws IOException {
        ParameterSet[] one = single(cfg, tmp.resolve(what + "-single"));
        CharLstmGenerator init = generator();
        double moved = relativeDifference(init.parameters(), one[0]);
        assertTrue(moved > 1e-4, what + ": training moved G by " + moved);
        ParameterSet[] k2 = distributed(cfg, tmp.resolve(what + "-k2"), fixture.spark(), 2);
        ParameterSet[] n3 = distributed(cfg, tmp.resolve(what + "-n3"), null, 3);
        double[] diffs = {relativeDifference(one[0], k2[0]), relativeDifference(one[1], k2[1]),
            relativeDifference(one[0], n3[0]), relativeDifference(one[1], n3[1])};
        System.out.printf("%s: relative |dG|, |dD| = %.2g, %.2g (Spark K=2), %.2g, %.2g (3 threads)%n", what,
                diffs[0], diffs[1], diffs[2], diffs[3]);
        for (double d : diffs) {
            assertEquals(0.0, d, what + ": parameters differ (relative " + d + ")");
        }
    }

    @Test
    void gumbelAndStraightThrough(@TempDir Path tmp) throws IOException {
        check("gumbel", config("gumbel", "none", 0, 0, "cnn"), tmp);
        check("st-gumbel-lstm", config("st-gumbel", "none", 0, 0, "lstm"), tmp);
    }

    @Test
    void reinforceWithEveryBaselineRolloutsAndEntropy(@TempDir Path tmp) throws IOException {
        check("reinforce-none", config("reinforce", "none", 0, 0, "cnn"), tmp);
        check("reinforce-ma-lstm-entropy", config("reinforce", "moving-average", 0, 0.05, "lstm"), tmp);
        check("reinforce-loo-rollouts", config("reinforce", "leave-one-out", 2, 0, "cnn"), tmp);
    }

    @Test
    void rebarWithBothDiscriminators(@TempDir Path tmp) throws IOException {
        check("rebar-cnn", config("rebar", "none", 0, 0, "cnn"), tmp);
        check("rebar-lstm", config("rebar", "none", 0, 0, "lstm"), tmp);
    }

    @Test
    void relaxWithBothDiscriminators(@TempDir Path tmp) throws IOException {
        check("relax-cnn", config("relax", "none", 0, 0, "cnn"), tmp);
        check("relax-lstm", config("relax", "none", 0, 0, "lstm"), tmp);
    }

    @Test
    void mleContinued(@TempDir Path tmp) throws IOException {
        check("mle-continued", config("mle-continued", "none", 0, 0, "cnn"), tmp);
    }
}
