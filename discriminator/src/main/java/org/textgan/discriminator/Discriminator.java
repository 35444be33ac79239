package org.textgan.discriminator;

import org.textgan.tensor.Mat;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * A differentiable critic of token sequences, with a hand-written backward pass that also yields the gradient with
 * respect to its input (the path by which a Gumbel-Softmax generator learns from it).
 *
 * <p><b>Data layout.</b> A batch of {@code B} sequences of length {@code T} over a vocabulary of {@code V} tokens is a
 * <em>time-major</em> {@code [T*B, V]} matrix: row {@code t*B + b} is the (soft or one-hot) distribution of sequence
 * {@code b} at time {@code t}. Token ids use the same order: {@code ids[t*B + b]}.
 *
 * <p><b>Passes.</b> Up to {@link #MAX_PASSES} forward passes can be alive at once, told apart by a pass slot
 * ({@code 0} or {@code 1}): a discriminator step scores real data in one and generated data in the other, computes a
 * loss that needs both (e.g. the relativistic one) and back-propagates each, without running any forward twice. The
 * methods without a slot use slot 0. {@code backward(p, ...)} applies to the most recent {@code forward(p, ...)},
 * whose input must not have been modified in between. The logits a forward call returns live in a buffer of its slot,
 * overwritten by the slot's next forward call of the same shape; copy them if they must survive. Buffers are
 * allocated once per (slot, {@code B}, {@code T}) and reused, so steady-state training allocates nothing on the hot
 * path. Dropout masks are drawn in the order of forward calls.
 *
 * <p>Instances are not thread-safe.
 */
public interface Discriminator {

    /** How many forward passes (slots {@code 0 .. MAX_PASSES-1}) can await their backward pass at the same time. */
    int MAX_PASSES = 2;

    /** The default embedding dimension {@code E} of both architectures. */
    int DEFAULT_EMBEDDING_DIM = 64;

    /** @return the trainable parameters, in a fixed order (the order of checkpoints and optimiser state) */
    ParameterSet parameters();

    /** @return the precision of parameters, inputs and buffers */
    Precision precision();

    /** @return the vocabulary size {@code V} (the width of an input row) */
    int vocabSize();

    /**
     * @return {@code true} if the forward pass yields one logit per time step ({@code [T*B, 1]}), {@code false} if
     *         one per sequence ({@code [B, 1]})
     */
    boolean perStepLogits();

    /**
     * Switches dropout on (training) or off (evaluation). Discriminators without dropout ignore the flag.
     *
     * @param training whether dropout is active
     */
    void setTraining(boolean training);

    /** @return whether dropout is active */
    boolean isTraining();

    /**
     * Restarts the random stream that draws dropout masks, so that the masks of subsequent forward calls are a
     * deterministic function of {@code seed} (used for reproducibility and for gradient checks under a fixed mask).
     *
     * @param seed the new seed
     */
    void reseedDropout(long seed);

    /**
     * Scores a batch of soft or one-hot sequences in pass slot {@code pass}.
     *
     * @param pass the pass slot, {@code 0 <= pass < MAX_PASSES}
     * @param x the time-major input {@code [T*B, V]}, in {@link #precision()}
     * @param batchSize {@code B}; {@code x.rows()} must be a positive multiple of it
     * @return the logits, {@code [B, 1]} or {@code [T*B, 1]} (see {@link #perStepLogits()}), owned by this object
     */
    Mat forward(int pass, Mat x, int batchSize);

    /**
     * Scores a batch of hard sequences given as token ids in pass slot {@code pass}: the same result as
     * {@link #forward(int, Mat, int)} on their one-hot rows, without building them (the embedding becomes a row
     * lookup).
     *
     * @param pass the pass slot
     * @param tokens time-major ids, {@code tokens[t*B + b]} in {@code [0, V)}; length a positive multiple of B
     * @param batchSize {@code B}
     * @return the logits, as for {@link #forward(int, Mat, int)}
     */
    Mat forward(int pass, int[] tokens, int batchSize);

    /**
     * Back-propagates an upstream gradient through the most recent forward call of pass slot {@code pass}: accumulates
     * ({@code +=}) into every parameter's gradient and overwrites {@code gradInput} with the gradient with respect to
     * the input rows (for an id input, with respect to their one-hot rows).
     *
     * @param pass the pass slot
     * @param gradLogits the gradient of the loss with respect to the logits, shaped like them
     * @param gradInput receives {@code dL/dx}, {@code [T*B, V]}; {@code null} skips that computation (e.g. for real
     *        data, whose gradient nobody needs)
     */
    void backward(int pass, Mat gradLogits, Mat gradInput);

    /**
     * {@link #forward(int, Mat, int)} in slot 0.
     *
     * @param x the time-major input {@code [T*B, V]}
     * @param batchSize {@code B}
     * @return the logits
     */
    default Mat forward(Mat x, int batchSize) {
        return forward(0, x, batchSize);
    }

    /**
     * {@link #forward(int, int[], int)} in slot 0.
     *
     * @param tokens time-major ids
     * @param batchSize {@code B}
     * @return the logits
     */
    default Mat forward(int[] tokens, int batchSize) {
        return forward(0, tokens, batchSize);
    }

    /**
     * {@link #backward(int, Mat, Mat)} of slot 0.
     *
     * @param gradLogits the gradient with respect to the logits
     * @param gradInput receives {@code dL/dx}, or null
     */
    default void backward(Mat gradLogits, Mat gradInput) {
        backward(0, gradLogits, gradInput);
    }

    /**
     * Scores token-relaxed variants of hard sequences in evaluation mode (see {@link RelaxedTokenScores}). The default
     * builds every variant as a full sequence ({@link RelaxedTokenScores#fullSequences}); a discriminator may exploit
     * that variants share their hard prefix and PAD suffix (the CNN does), with the same results up to rounding, and
     * without touching its parameters' gradients.
     *
     * @param ids the hard sequences, time-major {@code T x b}
     * @param b their number
     * @param seq per variant, its sequence
     * @param pos per variant, its relaxed position
     * @param relaxed the relaxed rows, {@code [n, V]}
     * @return the scores
     */
    default RelaxedTokenScores scoreRelaxedTokens(int[] ids, int b, int[] seq, int[] pos, Mat relaxed) {
        return RelaxedTokenScores.fullSequences(this, ids, b, seq, pos, relaxed);
    }
}
