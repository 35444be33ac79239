/**
 * Deeplearning4j / ND4J interop: our generator and CNN discriminator as SameDiff graphs built from our weights,
 * their export and import, and NumPy weights.
 *
 * <p><b>Why SameDiff, not a DL4J {@code MultiLayerNetwork}.</b> One graph builder ({@link
 * org.textgan.interop.SameDiffGenerator}, {@link org.textgan.interop.SameDiffCnnDiscriminator}) is both the
 * independent automatic-differentiation reference our hand-written kernels are tested against and the model
 * {@code textgan export} writes ({@code SameDiff.save}, loaded in one line with {@code SameDiff.load}), so the
 * exported model is the very function whose values and gradients the tests compare with ours. A DL4J network could
 * not be that: DL4J's LSTM layer orders its gates differently, has no step-wise state API a sampler can drive with
 * soft or one-hot feedback, and DL4J has no highway layer for the discriminator; it would also put
 * {@code deeplearning4j-nn} on the class path for nothing else. A SameDiff graph keeps its variables trainable, so a
 * DL4J user can fine-tune it and bring it back ({@link org.textgan.interop.GeneratorImport}).
 *
 * <p><b>SameDiff traps avoided</b> (measured; see the design notes): the LSTM cell is built from basic ops
 * ({@code lstmCell} has no backward pass), log-softmax too ({@code logSoftmax(x, dim)} breaks gradient creation), and
 * straight-through uses {@code StopGradient}. SameDiff prints op lines to stdout when it first builds gradients.
 *
 * <p>ND4J's native start-up (it unpacks several hundred MB into {@code ~/.javacpp/cache} on first use) happens only
 * in this module's classes: the training and evaluation paths never touch them unless given an exported model.
 */
package org.textgan.interop;
