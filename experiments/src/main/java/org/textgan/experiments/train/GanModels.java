package org.textgan.experiments.train;

import java.util.List;
import org.textgan.discriminator.Discriminator;
import org.textgan.discriminator.GanLoss;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.tensor.Precision;

/**
 * The models of an adversarial run and what they train on: the generator, the discriminator, the GAN loss and the
 * training sequences. The single-process trainer holds one over its live models; a data-parallel worker builds one per
 * task from broadcast parameter values. The per-step buffers the computations need live in a {@link StepWorkspace}
 * over it.
 *
 * @param generator the generator
 * @param discriminator the discriminator
 * @param loss the GAN loss
 * @param train the training sequences (char ids)
 */
public record GanModels(CharLstmGenerator generator, Discriminator discriminator, GanLoss loss, List<int[]> train) {
    /** @return T, the generated sequences' length */
    public int steps() {
        return generator.config().maxLength();
    }

    /** @return V */
    public int vocab() {
        return generator.config().vocabSize();
    }

    /** @return the models' precision */
    public Precision precision() {
        return generator.config().precision();
    }
}
