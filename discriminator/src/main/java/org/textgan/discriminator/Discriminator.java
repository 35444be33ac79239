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
 * <p><b>Forward/backward contract.</b> {@link #backward} applies to the most recent forward call, whose inputs must not
 * have been modified in between. Logits returned by a forward call live in a buffer owned by the discriminator and are
 * overwritten by the next forward call of the same shape; copy them if they must survive. Buffers are allocated once
 * per {@code (B, T)} shape and reused, so steady-state training allocates nothing on the hot path.
 *
 * <p>Instances are not thread-safe.
 */
public interface Discriminator {

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
     * Scores a batch of soft or one-hot sequences.
     *
     * @param x the time-major input {@code [T*B, V]}, in {@link #precision()}
     * @param batchSize {@code B}; {@code x.rows()} must be a positive multiple of it
     * @return the logits, {@code [B, 1]} or {@code [T*B, 1]} (see {@link #perStepLogits()}), owned by this object
     */
    Mat forward(Mat x, int batchSize);

    /**
     * Scores a batch of hard sequences given as token ids: the same result as {@link #forward(Mat, int)} on their
     * one-hot rows, without building them (the embedding becomes a row lookup).
     *
     * @param tokens time-major ids, {@code tokens[t*B + b]} in {@code [0, V)}; length a positive multiple of B
     * @param batchSize {@code B}
     * @return the logits, as for {@link #forward(Mat, int)}
     */
    Mat forward(int[] tokens, int batchSize);

    /**
     * Back-propagates an upstream gradient through the most recent forward pass: accumulates ({@code +=}) into every
     * parameter's gradient and overwrites {@code gradInput} with the gradient with respect to the input rows (for an
     * id input, the gradient with respect to their one-hot rows).
     *
     * @param gradLogits the gradient of the loss with respect to the logits, shaped like them
     * @param gradInput receives {@code dL/dx}, {@code [T*B, V]}; {@code null} skips that computation (e.g. for real
     *        data, whose gradient nobody needs)
     */
    void backward(Mat gradLogits, Mat gradInput);
}
