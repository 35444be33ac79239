package org.textgan.experiments.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * One line of an adversarial run's {@code metrics.jsonl} (see {@code docs/formats.md}).
 *
 * @param step generator step, from 1
 * @param dLoss discriminator loss (mean over the step's k discriminator updates), null if not finite
 * @param gLoss generator GAN loss, null if not finite
 * @param dReal mean D(real), as a probability
 * @param dFake mean D(fake), as a probability
 * @param dAccuracy D's accuracy: the fraction of the real and fake examples of its updates it classifies correctly
 * @param tau relaxation temperature of the step
 * @param gGradNorm generator gradient norm before clipping, null if not finite
 * @param meanReward REINFORCE's mean reward, or null
 * @param wallTime seconds of training so far, cumulative over resumes
 * @param nllTest NLL of the test split in bits per character, on evaluation steps only
 * @param nllValid NLL of the validation split in bits per character, on evaluation steps only (for selection)
 * @param skippedUpdates updates skipped so far for a non-finite loss or gradient (cumulative over resumes)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepRecord(@JsonProperty("step") long step, @JsonProperty("d_loss") Double dLoss,
                         @JsonProperty("g_loss") Double gLoss, @JsonProperty("d_real") double dReal,
                         @JsonProperty("d_fake") double dFake, @JsonProperty("d_accuracy") double dAccuracy,
                         @JsonProperty("tau") double tau,
                         @JsonProperty("g_grad_norm") Double gGradNorm,
                         @JsonProperty("mean_reward") Double meanReward,
                         @JsonProperty("wall_time") double wallTime, @JsonProperty("nll_test") Double nllTest,
                         @JsonProperty("nll_valid") Double nllValid,
                         @JsonProperty("skipped_updates") long skippedUpdates) implements Serializable {
    private static final long serialVersionUID = 1L;
}
