package org.textgan.app.cli;

import org.textgan.common.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.textgan.data.Vocabulary;
import org.textgan.generator.lstm.CharLstmGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code textgan sample}: draws text from a run's trained generator. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Sample text from the generator of a pretraining or adversarial run (RUN/generator).",
            "Writes the decoded samples to FILE, one per line, atomically; the vocabulary comes from the run's dataset."})
public final class SampleCommand extends CliCommand {
    @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run directory (textgan pretrain or train).")
    Path run;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of samples.")
    int n;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    RunDataOption data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output text file.")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        CliSupport.require(n >= 1, "--n must be at least 1, got " + n);
        double temperature = sampling.temperature();
        CliSupport.checkOutputFile(out, force);
        CharLstmGenerator generator = CliSupport.loadGenerator(run);
        Vocabulary vocab = data.dataset(run, generator).vocabulary();
        List<int[]> ids = generator.sampler(Math.min(n, 256)).sample(n, temperature, new SplittableRandom(sampling.seed()));
        List<String> lines = new ArrayList<>(ids.size());
        for (int[] s : ids) {
            lines.add(vocab.decode(s).replace('\n', ' ').replace('\r', ' '));
        }
        AtomicFiles.write(out, String.join("\n", lines) + "\n");
        out().printf("wrote %d samples to %s%n", lines.size(), out);
        out().flush();
        return 0;
    }
}
