package org.textgan.experiments.train;

import org.textgan.common.TokenIds;
import java.util.List;
import java.util.SplittableRandom;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/**
 * The discriminator's input for one adversarial step: B real and B generated sequences side by side in one
 * time-major batch of 2B (row {@code t*2B + b} is real for {@code b < B}, generated for {@code b >= B}), so that D
 * scores both in one pass with large matrix products, and paired losses (RSGAN) see matching rows.
 *
 * <p>Sequences follow the dataset convention: characters, then EOS, then PAD. Generated sequences are cut the same way:
 * every step after the first sampled EOS becomes PAD, with no gradient (the generator is free to write anything
 * there, and D would otherwise tell real from fake by the padding alone).
 */
final class PairedBatch {
    private final int batch;
    private final int steps;
    private final int vocab;
    private final Mat input;
    private final int[] ids;
    private final int[] fakeLength;
    private final Mat realLogits;
    private final Mat fakeLogits;
    private final Mat realGrad;
    private final Mat fakeGrad;
    private final Mat logitGrad;

    /**
     * @param batch B
     * @param steps T
     * @param vocab V
     * @param perStep whether D returns one logit per step
     * @param precision the models' precision
     */
    PairedBatch(int batch, int steps, int vocab, boolean perStep, Precision precision) {
        this.batch = batch;
        this.steps = steps;
        this.vocab = vocab;
        this.input = Mat.zeros(precision, steps * 2 * batch, vocab);
        this.ids = new int[steps * 2 * batch];
        this.fakeLength = new int[batch];
        int n = perStep ? steps * batch : batch;
        this.realLogits = Mat.zeros(precision, n, 1);
        this.fakeLogits = Mat.zeros(precision, n, 1);
        this.realGrad = Mat.zeros(precision, n, 1);
        this.fakeGrad = Mat.zeros(precision, n, 1);
        this.logitGrad = Mat.zeros(precision, perStep ? steps * 2 * batch : 2 * batch, 1);
    }

    int batch() {
        return batch;
    }

    int steps() {
        return steps;
    }

    /** @return the combined one-hot or soft input {@code [T*2B, V]} */
    Mat input() {
        return input;
    }

    /** @return the combined ids {@code T*2B} (valid after {@link #setFakeIds}) */
    int[] ids() {
        return ids;
    }

    /**
     * Draws B real sequences with replacement and writes them (characters, EOS, PAD) into the real half.
     *
     * @param train the training sequences
     * @param rng the draw
     */
    void drawReal(List<int[]> train, SplittableRandom rng) {
        for (int b = 0; b < batch; b++) {
            setReal(b, train.get(rng.nextInt(train.size())));
        }
    }

    /**
     * Writes one real sequence (characters, EOS, PAD) into row {@code b} of the real half.
     *
     * @param b the row, {@code 0 <= b < B}
     * @param s the sequence's char ids
     */
    void setReal(int b, int[] s) {
        int b2 = 2 * batch;
        for (int t = 0; t < steps; t++) {
            int id = t < s.length ? s[t] : (t == s.length ? TokenIds.EOS : TokenIds.PAD);
            ids[t * b2 + b] = id;
            setOneHot(t * b2 + b, id);
        }
    }

    /**
     * Writes generated soft (or one-hot) rows into the fake half, cutting each sequence after its first sampled EOS.
     *
     * @param fake {@code [T*B, V]} the generator's output rows
     * @param sampled {@code T*B} the sampled ids behind them (where the EOS decisions come from)
     */
    void setFake(Mat fake, int[] sampled) {
        writeFake(fake, sampled);
    }

    /**
     * Writes generated hard sequences into the fake half of the ids (and one-hot rows), cut after the first EOS.
     *
     * @param sampled {@code T*B} sampled ids
     */
    void setFakeIds(int[] sampled) {
        writeFake(null, sampled);
    }

    /** The fake half: ids cut after the first EOS, rows from {@code fake} before the cut (one-hot without it). */
    private void writeFake(Mat fake, int[] sampled) {
        computeFakeLengths(sampled);
        int b2 = 2 * batch;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int row = t * b2 + batch + b;
                int id = t < fakeLength[b] ? sampled[t * batch + b] : TokenIds.PAD;
                ids[row] = id;
                if (fake != null && t < fakeLength[b]) {
                    int src = (t * batch + b) * vocab;
                    int dst = row * vocab;
                    for (int j = 0; j < vocab; j++) {
                        input.set(dst + j, fake.get(src + j));
                    }
                } else {
                    setOneHot(row, id);
                }
            }
        }
    }

    /**
     * @param b a generated sequence
     * @return its length in steps, its first EOS included (T if it has none)
     */
    int fakeLength(int b) {
        return fakeLength[b];
    }

    /**
     * Splits D's logits over the combined batch into the real and the fake halves.
     *
     * @param logits {@code [2B, 1]} or {@code [T*2B, 1]}
     */
    void splitLogits(Mat logits) {
        copyHalves(logits, realLogits, fakeLogits, true);
    }

    Mat realLogits() {
        return realLogits;
    }

    Mat fakeLogits() {
        return fakeLogits;
    }

    Mat realGrad() {
        return realGrad;
    }

    Mat fakeGrad() {
        return fakeGrad;
    }

    /** @return the gradient on the combined logits, merged from {@link #realGrad()} and {@link #fakeGrad()} */
    Mat mergedLogitGrad() {
        copyHalves(logitGrad, realGrad, fakeGrad, false);
        return logitGrad;
    }

    /**
     * Copies between values over the combined batch ({@code [2B, 1]} or {@code [T*2B, 1]}) and its real and fake
     * halves ({@code [B, 1]} or {@code [T*B, 1]}).
     *
     * @param combined the combined values
     * @param real the real half
     * @param fake the fake half
     * @param split true: combined to the halves; false: the halves to combined
     */
    private void copyHalves(Mat combined, Mat real, Mat fake, boolean split) {
        int rows = combined.size() == 2 * batch ? 1 : steps;
        for (int t = 0; t < rows; t++) {
            for (int b = 0; b < batch; b++) {
                int half = t * batch + b;
                int r = t * 2 * batch + b;
                if (split) {
                    real.set(half, combined.get(r));
                    fake.set(half, combined.get(r + batch));
                } else {
                    combined.set(r, real.get(half));
                    combined.set(r + batch, fake.get(half));
                }
            }
        }
    }

    /**
     * Extracts the gradient on the fake half of D's input, zero after each sequence's cut.
     *
     * @param combined {@code [T*2B, V]} the gradient on the combined input
     * @param out {@code [T*B, V]} the gradient on the generator's output rows
     */
    void fakeInputGrad(Mat combined, Mat out) {
        int b2 = 2 * batch;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int dst = (t * batch + b) * vocab;
                if (t < fakeLength[b]) {
                    int src = (t * b2 + batch + b) * vocab;
                    for (int j = 0; j < vocab; j++) {
                        out.set(dst + j, combined.get(src + j));
                    }
                } else {
                    for (int j = 0; j < vocab; j++) {
                        out.set(dst + j, 0.0);
                    }
                }
            }
        }
    }

    private void computeFakeLengths(int[] sampled) {
        for (int b = 0; b < batch; b++) {
            int len = steps;
            for (int t = 0; t < steps; t++) {
                if (sampled[t * batch + b] == TokenIds.EOS) {
                    len = t + 1;
                    break;
                }
            }
            fakeLength[b] = len;
        }
    }

    private void setOneHot(int row, int id) {
        int base = row * vocab;
        for (int j = 0; j < vocab; j++) {
            input.set(base + j, j == id ? 1.0 : 0.0);
        }
    }
}
