package org.textgan.discriminator;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.textgan.common.EnumIds;

import org.textgan.tensor.Mat;

/**
 * The adversarial objective pair a trainer uses, selectable by name: the standard GAN (discriminator cross-entropy,
 * non-saturating generator loss) or RelGAN's relativistic standard GAN. Both methods return the loss value and
 * overwrite the given gradient matrices (either may be null when not needed).
 */
@EnumIds.Option("GAN loss")
public enum GanLoss {
    /** {@code L_D = BCE(d_real, 1) + BCE(d_fake, 0)}, {@code L_G = BCE(d_fake, 1)} (non-saturating). */
    STANDARD(GanLosses::discriminatorLoss, GanLoss::nonSaturating),
    /** {@code L_D = BCE(sigmoid(d_real - d_fake), 1)}, {@code L_G = BCE(sigmoid(d_fake - d_real), 1)}. */
    RSGAN(GanLosses::rsganDiscriminatorLoss, GanLosses::rsganGeneratorLoss);

    /** One side's loss on the real and fake logits, writing the gradients it is given. */
    @FunctionalInterface
    private interface Objective {
        double loss(Mat real, Mat fake, Mat gradReal, Mat gradFake);
    }

    private final Objective discriminator;
    private final Objective generator;

    GanLoss(Objective discriminator, Objective generator) {
        this.discriminator = discriminator;
        this.generator = generator;
    }

    /**
     * @param real logits of real data
     * @param fake logits of generated data
     * @param gradReal receives {@code dL_D/d real}, or null
     * @param gradFake receives {@code dL_D/d fake}, or null
     * @return the discriminator's loss
     */
    public double discriminatorLoss(Mat real, Mat fake, Mat gradReal, Mat gradFake) {
        return discriminator.loss(real, fake, gradReal, gradFake);
    }

    /**
     * @param real logits of real data (unused by {@link #STANDARD}, whose real gradient is zero)
     * @param fake logits of generated data
     * @param gradReal receives {@code dL_G/d real}, or null
     * @param gradFake receives {@code dL_G/d fake}, or null
     * @return the generator's loss
     */
    public double generatorLoss(Mat real, Mat fake, Mat gradReal, Mat gradFake) {
        return generator.loss(real, fake, gradReal, gradFake);
    }

    /** The standard GAN's generator loss: non-saturating on the fake logits, zero gradient on the real ones. */
    private static double nonSaturating(Mat real, Mat fake, Mat gradReal, Mat gradFake) {
        if (gradReal != null) {
            gradReal.zero();
        }
        return GanLosses.nonSaturatingGeneratorLoss(fake, gradFake);
    }

    /**
     * Parses {@code standard}/{@code gan}/{@code ns} or {@code rsgan}/{@code relativistic}, case-insensitively.
     *
     * @param name the name
     * @return the loss
     * @throws IllegalArgumentException naming the accepted values
     */
    @JsonCreator
    public static GanLoss parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "standard", "gan", "ns", "nsgan" -> STANDARD;
            case "rsgan", "relativistic" -> RSGAN;
            default -> EnumIds.parse(GanLoss.class, name);
        };
    }

    /** @return the id, as in options, config files and results tables */
    @Override
    public String toString() {
        return EnumIds.id(this);
    }
}
