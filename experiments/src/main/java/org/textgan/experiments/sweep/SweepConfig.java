package org.textgan.experiments.sweep;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sweep as written in {@code SWEEP.yaml} (snake_case keys; every key optional):
 * <pre>
 * data: out/quickstart/data            # dataset directory (relative paths: to the YAML file's folder)
 * seeds: [1, 2, 3]
 * model: {embedding: 32, hidden: 128, layers: 1}
 * pretrain: {steps: 1000, batch_size: 64, learning_rate: 0.002}
 * steps: 300                           # adversarial steps per run
 * grid:                                # the full product estimators x schedules x taus x feedback
 *   estimators: [gumbel, st-gumbel, reinforce]
 *   schedules: [constant, linear]
 *   taus: [0.1, 0.5, 1.0, 5.0]
 *   feedback: [soft]
 * runs:                                # and/or explicit groups, each its own small product
 *   - {estimator: gumbel, schedule: linear, taus: [1.0], tau_min: 0.1}
 *   - {estimator: gumbel, schedule: relgan-exp, feedback: [hard], beta_max: 1000}
 *   - {estimator: reinforce, train: {rollouts: 16}}   # a group's own trainer options, over the sweep's train:
 * mle_temperatures: [0.5, 0.7, 1.0, 1.3]   # the MLE baseline, one row per sampling temperature and seed
 * train: {batch_size: 64, d_steps: 1, loss: rsgan}   # any other trainer option (see textgan train --help)
 * schedule: {tau_min: 0.1, anneal_rate: 0.001, anneal_every: 10, beta_max: 100}
 * eval: {samples: 500, max_test_sequences: 0, max_references: 0}
 * </pre>
 * REINFORCE does not use the temperature: it gets one run per schedule-free group and seed, with an empty tau.
 * Schedules of the {@code relgan-*} family start at tau = 1 and run to {@code 1 / beta_max}, so the tau grid does not
 * apply to them either.
 *
 * @param data the dataset directory
 * @param seeds seeds; each gets its own pretraining and its own copy of every run
 * @param model generator sizes
 * @param pretrain pretraining options
 * @param steps adversarial steps per run
 * @param grid the product part of the sweep, or null
 * @param runs explicit groups, or null
 * @param mleTemperatures sampling temperatures of the MLE baseline (empty: none)
 * @param train trainer option overrides (keys as in the trainer's config)
 * @param schedule annealing parameters shared by all schedules
 * @param eval evaluation options
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepConfig(String data, List<Long> seeds, Model model, Pretrain pretrain, Long steps, Group grid,
                          List<Group> runs, List<Double> mleTemperatures, Map<String, Object> train,
                          ScheduleParams schedule, Eval eval) {
    /** The YAML reader/writer, snake_case. */
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * Generator sizes.
     *
     * @param embedding E
     * @param hidden H
     * @param layers LSTM layers
     */
    public record Model(Integer embedding, Integer hidden, Integer layers) {
    }

    /**
     * Pretraining options.
     *
     * @param steps steps
     * @param batchSize batch size
     * @param learningRate Adam step size
     */
    public record Pretrain(Long steps, Integer batchSize, Double learningRate) {
    }

    /**
     * A group of runs: the product of its lists (single values are lists of one).
     *
     * @param estimator one estimator (alternative to {@code estimators})
     * @param estimators estimators
     * @param schedule one schedule (alternative to {@code schedules})
     * @param schedules schedules
     * @param taus starting temperatures
     * @param feedback token feedback modes
     * @param tauMin the annealing floor for this group
     * @param betaMax the relgan schedules' final inverse temperature for this group (over {@code schedule.beta_max})
     * @param train trainer options of this group, applied over the sweep's {@code train} (keys as there)
     */
    public record Group(String estimator, List<String> estimators, String schedule, List<String> schedules,
                        List<Double> taus, List<String> feedback, Double tauMin, Double betaMax,
                        Map<String, Object> train) {
        /** The canonical constructor (the one YAML reading uses). */
        @com.fasterxml.jackson.annotation.JsonCreator
        public Group {
        }

        /**
         * A group without its own beta_max or trainer options.
         *
         * @param estimator one estimator
         * @param estimators estimators
         * @param schedule one schedule
         * @param schedules schedules
         * @param taus starting temperatures
         * @param feedback feedback modes
         * @param tauMin annealing floor
         */
        public Group(String estimator, List<String> estimators, String schedule, List<String> schedules,
                     List<Double> taus, List<String> feedback, Double tauMin) {
            this(estimator, estimators, schedule, schedules, taus, feedback, tauMin, null, null);
        }
    }

    /**
     * Annealing parameters.
     *
     * @param tauMin floor of the linear and exponential schedules
     * @param annealRate decay rate of the exponential schedule
     * @param annealEvery update period of the exponential schedule
     * @param betaMax final inverse temperature of the relgan schedules
     */
    public record ScheduleParams(Double tauMin, Double annealRate, Long annealEvery, Double betaMax) {
    }

    /**
     * Evaluation options.
     *
     * @param samples samples per run
     * @param maxTestSequences test sequences for NLL-test (0: all)
     * @param maxReferences BLEU references (0: all)
     */
    public record Eval(Integer samples, Integer maxTestSequences, Integer maxReferences) {
    }

    /**
     * Reads a sweep file.
     *
     * @param file the YAML file
     * @return the config
     * @throws IOException with the file and the problem (unknown key, bad value)
     */
    public static SweepConfig read(Path file) throws IOException {
        try {
            SweepConfig c = YAML.readValue(file.toFile(), SweepConfig.class);
            if (c == null) {
                throw new IOException(file + ": empty sweep file");
            }
            return c;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
        }
    }

    /**
     * @return the sweep as YAML, for the sweep directory's record of what ran
     * @throws IOException on a serialisation failure
     */
    public String toYaml() throws IOException {
        return YAML.writeValueAsString(this);
    }
}
