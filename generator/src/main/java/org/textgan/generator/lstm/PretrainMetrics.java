package org.textgan.generator.lstm;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of {@code metrics.jsonl}.
 *
 * @param step the optimiser step
 * @param trainNll mean training loss (nats per token) over the steps since the previous line
 * @param validBpc validation bits per character
 * @param wallTimeSeconds seconds of training so far (accumulated across resumes)
 */
public record PretrainMetrics(@JsonProperty("step") long step, @JsonProperty("train_nll") double trainNll,
                              @JsonProperty("valid_bpc") double validBpc,
                              @JsonProperty("wall_time_s") double wallTimeSeconds) {
}
