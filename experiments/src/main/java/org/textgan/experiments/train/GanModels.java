package org.textgan.experiments.train;

import java.util.List;
import org.textgan.discriminator.Discriminator;
import org.textgan.discriminator.GanLoss;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.tensor.Precision;

/**
 * The models of an adversarial run and what they train on: the generator, the discriminator, the GAN loss and the
 * training sequences. The single-process trainer and every replica of a data-parallel run hold one over their own live
 * models, built once. The per-step buffers the computations need live in a {@link StepWorkspace} over it. A holder,
 * not a value: it is not meant as a key (its equality walks the training list and compares the models by identity).
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
