/**
 * Discriminators over embedded soft or hard one-hot sequences, with hand-derived backward passes that also return the
 * gradient with respect to the input (the path a Gumbel-Softmax generator learns through).
 *
 * <ul>
 *   <li>{@link org.textgan.discriminator.Discriminator}: the contract (time-major {@code [T*B, V]} inputs or token
 *       ids, two live pass slots, backward with input gradient);</li>
 *   <li>{@link org.textgan.discriminator.CnnDiscriminator}: the SeqGAN/RelGAN CNN, one logit per sequence;</li>
 *   <li>{@link org.textgan.discriminator.LstmDiscriminator}: an LSTM with a logit per time step;</li>
 *   <li>{@link org.textgan.discriminator.GanLosses} and {@link org.textgan.discriminator.GanLoss}: stable sigmoid
 *       cross-entropy, the standard/non-saturating GAN losses and RelGAN's relativistic standard loss.</li>
 * </ul>
 * All computation runs on {@link org.textgan.tensor.Mat} buffers preallocated per batch shape; every backward pass is
 * checked against central finite differences in double precision by the tests.
 */
package org.textgan.discriminator;
