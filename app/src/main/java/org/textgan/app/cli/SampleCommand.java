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

import static org.textgan.app.cli.DeclaredOption.flag;
import static org.textgan.app.cli.DeclaredOption.of;

/** {@code textgan sample}: draws text from a run's trained generator. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Sample text from the generator of a pretraining or adversarial run (RUN/generator).",
            "Writes the decoded samples to FILE, one per line, atomically; the vocabulary comes from the run's dataset."})
public final class SampleCommand extends CliCommand {
    static final DeclaredOption RUN = of("--run", "RUN", Path.class, null, "Run directory (textgan pretrain or train).").required();
    static final DeclaredOption N = of("--n", "N", int.class, null, "Number of samples.").required().atLeast(1);
    static final DeclaredOption OUT = of("--out", "FILE", Path.class, null, "Output text file.").required();
    static final DeclaredOption FORCE = flag("--force", "Replace FILE if it exists.");

    @Mixin
    SamplingOptions sampling;

    @Mixin
    RunDataOption data;

    @Override
    public Integer call() throws Exception {
        DeclaredOptions.check(spec);
        double temperature = sampling.temperature();
        Path run = get(RUN);
        Path out = get(OUT);
        int n = get(N);
        CliSupport.checkOutputFile(out, get(FORCE));
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
