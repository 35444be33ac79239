package org.textgan.discriminator;

import org.slf4j.Logger;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;
import org.textgan.tensor.Simd;

/**
 * What the discriminators share below their own network: the embedding of the input (soft or one-hot rows, or token
 * ids) into per-pass, per-shape buffers ({@link ShapeCache}), the checks on inputs and gradients, the training flag
 * and the Vector-API switch. A subclass computes its logits from the embedded input and back-propagates to the
 * embedding's output.
 *
 * @param <C> the configuration type
 * @param <W> the subclass's buffer set for one {@code (B, T)} shape
 */
abstract sealed class EmbeddedDiscriminator<C, W extends EmbeddedDiscriminator.Buffers> implements Discriminator
        permits CnnDiscriminator, LstmDiscriminator {
    private final C config;
    private final boolean perStepLogits;
    private final Precision precision;
    private final Embedding embedding;
    private final int minSteps;
    private final ShapeCache<W> workspaces;
    private boolean training = true;
    private boolean vector;

    /**
     * @param config the subclass's configuration
     * @param perStepLogits whether there is a logit per time step ({@code [T*B, 1]}) or per sequence ({@code [B, 1]})
     * @param precision the precision of parameters and computation
     * @param embedding the input embedding
     * @param minSteps the shortest sequence length the network accepts
     * @param log where buffer allocations are logged (debug)
     * @param what the discriminator's name in log lines
     */
    EmbeddedDiscriminator(C config, boolean perStepLogits, Precision precision, Embedding embedding, int minSteps,
                          Logger log, String what) {
        this.config = config;
        this.perStepLogits = perStepLogits;
        this.precision = precision;
        this.embedding = embedding;
        this.minSteps = minSteps;
        this.workspaces = new ShapeCache<>(this::newBuffers, log, what);
        this.vector = precision == Precision.FLOAT32 && Simd.ENABLED;
    }

    /** The buffers of one shape that this class fills and reads: the input, its embedding and that's gradient. */
    abstract static class Buffers {
        /** B, the sequences of the batch. */
        final int batch;
        /** T, the sequence length. */
        final int steps;
        /** {@code [T*B, E]}: the embedded input, and its gradient. */
        final Mat emb;
        final Mat dEmb;
        /** The input of the last forward: soft rows, or token ids (the other is null). */
        Mat inputX;
        int[] inputIds;

        Buffers(Precision precision, int batch, int steps, int embDim) {
            this.batch = batch;
            this.steps = steps;
            emb = Mat.zeros(precision, batch * steps, embDim);
            dEmb = Mat.zeros(precision, batch * steps, embDim);
        }
    }

    /** @return new buffers for shape {@code (batch, steps)} */
    abstract W newBuffers(int batch, int steps);

    /** @return the logits computed from {@code ws.emb} (a live buffer of {@code ws}) */
    abstract Mat forwardEmbedded(W ws);

    /**
     * Back-propagates {@code gradLogits} (shape already checked) to the parameters and into {@code ws.dEmb}.
     *
     * @param ws the buffers of the forward pass
     * @param gradLogits the gradient of the loss with respect to the logits
     */
    abstract void backwardToEmbedding(W ws, Mat gradLogits);

    /** @return the configuration */
    public final C config() {
        return config;
    }

    @Override
    public final boolean perStepLogits() {
        return perStepLogits;
    }

    /** @return the input embedding */
    final Embedding embedding() {
        return embedding;
    }

    @Override
    public final Precision precision() {
        return precision;
    }

    @Override
    public final int vocabSize() {
        return embedding.vocabSize();
    }

    @Override
    public final void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public final boolean isTraining() {
        return training;
    }

    /**
     * @return whether the float32 kernels run on the JDK Vector API (the JVM runs with {@code --add-modules
     *         jdk.incubator.vector}); the scalar kernels used otherwise give the same results (see the subclass)
     */
    public final boolean vectorKernels() {
        return vector;
    }

    /**
     * Switches the Vector API kernels off (or back on, where available), for tests comparing both paths. Takes effect
     * for buffers allocated afterwards, i.e. shapes not seen before.
     */
    final void useVectorKernels(boolean on) {
        vector = on && precision == Precision.FLOAT32 && Simd.ENABLED;
    }

    @Override
    public final Mat forward(int pass, Mat x, int batchSize) {
        if (x.precision() != precision) {
            throw new IllegalArgumentException("input is " + x.precision() + ", the discriminator " + precision);
        }
        W ws = workspaces.acquire(pass, x.rows(), batchSize, minSteps);
        embedding.forward(x, ws.emb);
        ws.inputX = x;
        ws.inputIds = null;
        return forwardEmbedded(ws);
    }

    @Override
    public final Mat forward(int pass, int[] tokens, int batchSize) {
        W ws = workspaces.acquire(pass, tokens.length, batchSize, minSteps);
        embedding.forward(tokens, ws.emb);
        ws.inputX = null;
        ws.inputIds = tokens;
        return forwardEmbedded(ws);
    }

    @Override
    public final void backward(int pass, Mat gradLogits, Mat gradInput) {
        W ws = workspaces.current(pass);
        int rows = perStepLogits ? ws.batch * ws.steps : ws.batch;
        if (gradLogits.rows() != rows || gradLogits.cols() != 1) {
            throw new IllegalArgumentException("logit gradient must be " + rows + "x1, got " + gradLogits.rows() + "x"
                    + gradLogits.cols());
        }
        if (gradInput != null && gradInput.precision() != precision) {
            throw new IllegalArgumentException(
                    "input gradient is " + gradInput.precision() + ", expected " + precision);
        }
        backwardToEmbedding(ws, gradLogits);
        embedding.backward(ws.inputX, ws.inputIds, ws.dEmb, gradInput);
    }
}
