package org.textgan.experiments.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of an adversarial run's {@code metrics.jsonl} (see {@code docs/formats.md}).
 *
 * @param step generator step, from 1
 * @param dLoss discriminator loss (mean over the step's k discriminator updates)
 * @param gLoss generator GAN loss
 * @param dReal mean D(real), as a probability
 * @param dFake mean D(fake), as a probability
 * @param tau relaxation temperature of the step
 * @param gGradNorm generator gradient norm before clipping
 * @param meanReward REINFORCE's mean reward, or null
 * @param wallTime seconds of training so far, cumulative over resumes
 * @param nllTest NLL of the test split in bits per character, on evaluation steps only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepRecord(@JsonProperty("step") long step, @JsonProperty("d_loss") double dLoss,
                         @JsonProperty("g_loss") double gLoss, @JsonProperty("d_real") double dReal,
                         @JsonProperty("d_fake") double dFake, @JsonProperty("tau") double tau,
                         @JsonProperty("g_grad_norm") double gGradNorm,
                         @JsonProperty("mean_reward") Double meanReward,
                         @JsonProperty("wall_time") double wallTime, @JsonProperty("nll_test") Double nllTest) {
}
