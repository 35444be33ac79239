package org.textgan.experiments.oracle;

import org.textgan.common.Seeds;
import java.util.SplittableRandom;

import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.Precision;

/** Builds the oracle LSTM of an {@link OracleConfig}. */
public final class OracleModel {
    /**
     * Output bias of the reserved ids (PAD, BOS, EOS, UNK), whose output weights are zero: with N(0,1) weights the
     * symbol logits stay within a few tens, so a reserved id has probability below about 1e-13 per step. Sampling
     * redraws the (practically never occurring) sequences that contain one; the oracle's NLL stays finite for a
     * generator sample that ends early.
     */
    public static final double RESERVED_LOGIT = -30.0;

    private OracleModel() {
    }

    /**
     * A {@link CharLstmGenerator} of the config's shape (one layer, float32) whose every parameter is drawn from
     * N(0, weightStd^2) from the stream {@code Seeds.stream(seed, ORACLE_WEIGHTS)} (not the generator's
     * initialisation stream of the same seed), tensor by tensor in checkpoint order, row-major; then
     * the reserved ids' output columns are masked ({@link #RESERVED_LOGIT}).
     *
     * @param config the oracle settings
     * @return the oracle
     */
    public static CharLstmGenerator create(OracleConfig config) {
        GeneratorConfig gc = new GeneratorConfig(config.vocabSize(), config.embedding(), config.hidden(), 1,
                config.length(), config.seed(), Precision.FLOAT32, GeneratorConfig.DEFAULT_INIT_SCALE);
        CharLstmGenerator g = new CharLstmGenerator(gc);
        SplittableRandom rng = Seeds.stream(config.seed(), Seeds.Purpose.ORACLE_WEIGHTS);
        for (Parameter p : g.parameters().list()) {
            Mat m = p.value();
            for (int i = 0; i < m.size(); i++) {
                m.set(i, config.weightStd() * rng.nextGaussian());
            }
        }
        Mat w = g.params().outW().value();
        Mat b = g.params().outB().value();
        for (int id = 0; id < 4; id++) {
            for (int r = 0; r < w.rows(); r++) {
                w.set(r, id, 0.0);
            }
            b.set(id, RESERVED_LOGIT);
        }
        return g;
    }
}
