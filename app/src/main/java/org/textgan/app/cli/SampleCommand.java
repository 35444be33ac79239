package org.textgan.app.cli;

import org.textgan.common.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.textgan.data.Dataset;
import org.textgan.data.Vocabulary;
import org.textgan.generator.lstm.CharLstmGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code textgan sample}: draws text from a run's trained generator. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Sample text from the generator of a pretraining or adversarial run (RUN/generator).",
            "Writes the decoded samples to FILE, one per line, atomically; the vocabulary comes from the run's dataset."})
public final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run directory (textgan pretrain or train).")
    Path run;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of samples.")
    int n;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", paramLabel = "DATASET_DIR", description = "Dataset for the vocabulary (default: the one in RUN/config.json).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output text file.")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        CliSupport.require(n >= 1, "--n must be at least 1, got " + n);
        CliSupport.require(temperature > 0 && Double.isFinite(temperature), "--temperature must be positive, got " + temperature);
        CliSupport.checkOutputFile(out, force);
        CharLstmGenerator generator = CliSupport.loadGenerator(run);
        Dataset dataset = CliSupport.dataset(data, run);
        Vocabulary vocab = dataset.vocabulary();
        CliSupport.require(vocab.size() == generator.config().vocabSize(), "--data: the dataset's vocabulary has "
                + vocab.size() + " ids, the generator " + generator.config().vocabSize());
        List<int[]> ids = generator.sampler(Math.min(n, 256)).sample(n, temperature, new SplittableRandom(seed));
        List<String> lines = new ArrayList<>(ids.size());
        for (int[] s : ids) {
            lines.add(vocab.decode(s).replace('\n', ' ').replace('\r', ' '));
        }
        AtomicFiles.write(out, String.join("\n", lines) + "\n");
        spec.commandLine().getOut().printf("wrote %d samples to %s%n", lines.size(), out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
