package org.textgan.app.cli;

import picocli.CommandLine.Option;

/** How a run's generator is sampled ({@code --temperature}, {@code --seed}); mix in with {@code @Mixin}. */
public final class SamplingOptions {
    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /** @return the sampling temperature, validated: positive and finite */
    double temperature() {
        CliSupport.require(temperature > 0 && Double.isFinite(temperature), "--temperature must be positive, got " + temperature);
        return temperature;
    }

    /** @return the sampling seed */
    long seed() {
        return seed;
    }
}
