package org.textgan.experiments.train;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.textgan.discriminator.Discriminator;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.tensor.Mat;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * The worker side of synchronous data-parallel adversarial training: a stateless, serialisable function of
 * (parameters, shard, step, phase) that rebuilds both models from the flat parameters and runs, on its contiguous rows
 * of the global batch of B sequences ({@link ShardRows#shard}), the same computation the single-process trainer runs
 * on all B rows: {@link AdversarialStepper#discriminatorPhase} for phases {@code 0..k-1}, the configured
 * {@link GeneratorEstimator}'s {@link GeneratorEstimator#shard round} {@code phase - k} after that. The driver adds the
 * K results in shard order ({@link ShardRunner}).
 *
 * <p>Why K workers equal one process: every row's randomness is a function of (seed, step, phase, global row); real
 * row b and generated row b stay in the same shard (RSGAN's pairing); results are sums over rows (or per-row values at
 * their global positions), so the summed result is the single-process one up to rounding; baselines that need the
 * whole batch are computed by the driver between rounds. One exception: dropout masks are drawn per (step, phase,
 * first row of the shard), so with dropout &gt; 0 a K-worker run is a different, equally valid draw; with dropout 0 it
 * equals single-process training.
 *
 * <p>Parameter layout of {@link #compute}: {@code [G values, D values, tau, broadcast...]}.
 */
public final class GanShardWorker implements Serializable {
    private static final long serialVersionUID = 2L;

    private final AdversarialConfig config;
    private final int vocab;
    private final int embedding;
    private final int hidden;
    private final int layers;
    private final int maxLength;
    private final long generatorSeed;
    private final String precision;
    private final double initScale;
    private final int[][] train;

    /**
     * @param config the run's options
     * @param generator the generator's configuration
     * @param train the training sequences
     */
    public GanShardWorker(AdversarialConfig config, GeneratorConfig generator, List<int[]> train) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("the training split is empty");
        }
        this.config = config;
        this.vocab = generator.vocabSize();
        this.embedding = generator.embeddingDim();
        this.hidden = generator.hiddenSize();
        this.layers = generator.layers();
        this.maxLength = generator.maxLength();
        this.generatorSeed = generator.seed();
        this.precision = generator.precision().name();
        this.initScale = generator.initScale();
        this.train = train.toArray(new int[0][]);
        newEstimator(newDiscriminator().perStepLogits()); // validates the combination here, not on an executor
    }

    /** @return the global batch size B */
    public int batch() {
        return config.batchSize();
    }

    /** @return k, the discriminator phases per step */
    public int discriminatorSteps() {
        return config.discriminatorSteps();
    }

    /** @return a generator with this run's configuration (values from its seed) */
    public CharLstmGenerator newGenerator() {
        return new CharLstmGenerator(generatorConfig());
    }

    private GeneratorConfig generatorConfig() {
        return new GeneratorConfig(vocab, embedding, hidden, layers, maxLength, generatorSeed,
                Precision.valueOf(precision), initScale);
    }

    /** @return a discriminator as the single-process trainer builds it (same initial values) */
    public Discriminator newDiscriminator() {
        return DiscriminatorFactory.create(config, vocab, Precision.valueOf(precision));
    }

    /**
     * @param perStep whether the discriminator gives per-step logits
     * @return a fresh estimator of this run
     */
    GeneratorEstimator newEstimator(boolean perStep) {
        return AdversarialStepper.estimator(config, generatorConfig(), perStep);
    }

    /**
     * Computes one shard's part of a round.
     *
     * @param params {@code [G values, D values, tau, broadcast...]}
     * @param shard this shard
     * @param shards K
     * @param step the generator step (from 1)
     * @param phase {@code 0..k-1} discriminator updates, then the generator's rounds
     * @return the shard's result (see {@link GeneratorEstimator})
     */
    public double[] compute(double[] params, int shard, int shards, long step, int phase) {
        CharLstmGenerator gen = newGenerator();
        Discriminator disc = newDiscriminator();
        int nG = (int) gen.parameters().count();
        int nD = (int) disc.parameters().count();
        if (params.length < nG + nD + 1) {
            throw new IllegalArgumentException("expected at least " + (nG + nD + 1) + " parameters, got "
                    + params.length);
        }
        setValues(gen.parameters(), params, 0);
        setValues(disc.parameters(), params, nG);
        double tau = params[nG + nD];
        double[] broadcast = Arrays.copyOfRange(params, nG + nD + 1, params.length);
        GanModels models = new GanModels(gen, disc, config.loss(), Arrays.asList(train));
        GeneratorEstimator est = newEstimator(disc.perStepLogits());
        int k = config.discriminatorSteps();
        ShardRows rows = ShardRows.shard(config.seed(), step, phase, shard, shards, config.batchSize());
        return phase < k ? AdversarialStepper.discriminatorPhase(models, est, rows, tau)
                : est.shard(models, rows, tau, phase - k, broadcast);
    }

    /**
     * Copies every parameter's value into {@code dst} from {@code off}, in {@link ParameterSet#list()} order.
     *
     * @param ps the parameters
     * @param dst the flat array
     * @param off the offset
     */
    public static void getValues(ParameterSet ps, double[] dst, int off) {
        int o = off;
        for (var p : ps.list()) {
            Mat m = p.value();
            for (int i = 0; i < m.size(); i++) {
                dst[o++] = m.get(i);
            }
        }
    }

    /**
     * Sets every parameter's value from {@code src} from {@code off}.
     *
     * @param ps the parameters
     * @param src the flat array
     * @param off the offset
     */
    public static void setValues(ParameterSet ps, double[] src, int off) {
        int o = off;
        for (var p : ps.list()) {
            Mat m = p.value();
            for (int i = 0; i < m.size(); i++) {
                m.set(i, src[o++]);
            }
        }
    }
}
