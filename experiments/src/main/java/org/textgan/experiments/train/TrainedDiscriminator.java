package org.textgan.experiments.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.textgan.common.Json;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.discriminator.Discriminator;

/**
 * The discriminator of a finished (or interrupted) adversarial run: built from the run's {@code config.json} by
 * {@link DiscriminatorFactory}, as the trainer builds it, with the parameters of the newest checkpoint.
 */
public final class TrainedDiscriminator {
    private static final ObjectMapper JSON = Json.mapper();

    private TrainedDiscriminator() {
    }

    /**
     * @param run a run directory
     * @param generator the run's generator (its vocabulary size and precision shape the discriminator)
     * @return the discriminator, or empty when the run is not an adversarial one or has no checkpoint yet
     * @throws IOException when the config or the checkpoint cannot be read
     */
    public static Optional<Discriminator> load(Path run, CharLstmGenerator generator) throws IOException {
        Path cfgFile = run.resolve(RunDirectory.CONFIG);
        if (!Files.isRegularFile(cfgFile)) {
            return Optional.empty();
        }
        JsonNode train = JSON.readTree(cfgFile.toFile()).get("train");
        if (train == null || !train.isObject()) {
            return Optional.empty();
        }
        AdversarialConfig config;
        try {
            config = JSON.treeToValue(train, AdversarialConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(cfgFile + ": the 'train' options do not parse: " + e.getOriginalMessage(), e);
        }
        Discriminator d = DiscriminatorFactory.create(config, generator.config().vocabSize(),
                generator.config().precision());
        if (!TrainCheckpoint.loadLatestDiscriminator(run.resolve(RunDirectory.CHECKPOINTS), d.parameters())) {
            return Optional.empty();
        }
        return Optional.of(d);
    }
}
