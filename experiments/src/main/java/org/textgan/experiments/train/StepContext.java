package org.textgan.experiments.train;

import java.util.List;
import org.textgan.discriminator.Discriminator;
import org.textgan.discriminator.GanLoss;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.tensor.Adam;
import org.textgan.tensor.Mat;

/**
 * What the discriminator and generator updates of one adversarial run share: the two models, their optimisers, the
 * loss, the training sequences and the paired batch buffers.
 *
 * @param generator the generator
 * @param discriminator the discriminator
 * @param generatorAdam the generator's optimiser
 * @param discriminatorAdam the discriminator's optimiser
 * @param loss the GAN loss pair
 * @param gradClip gradient-norm bound ({@code <= 0}: none)
 * @param train the training sequences (char ids)
 * @param batch the paired real/fake batch
 * @param inputGrad {@code [T*2B, V]} buffer for D's input gradient
 */
record StepContext(CharLstmGenerator generator, Discriminator discriminator, Adam generatorAdam,
                   Adam discriminatorAdam, GanLoss loss, double gradClip, List<int[]> train, PairedBatch batch,
                   Mat inputGrad) {
}
