package org.textgan.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.textgan.experiments.bench.GanStepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code textgan bench gan}: one full adversarial step (D step + G step) per estimator, ours against PyTorch. */
@Command(name = "gan", mixinStandardHelpOptions = true,
        description = {"Benchmark the full GAN step (one discriminator step on a real and a fake batch, then one "
                + "generator step) of the trainer for gumbel, st-gumbel and reinforce (no rollouts), float32, one "
                + "thread, against the PyTorch peer tools/peer/gan_peer.py run side by side (rounds alternate ours "
                + "and torch). Without /usr/bin/python3 + torch it times ours only and says so."})
public final class BenchGanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Smoke run: B=8, T=8, H=32, one timed step of each estimator, one round.")
    boolean quick;

    @Option(names = "--json", description = "Print the results as JSON instead of a Markdown table.")
    boolean json;

    @Option(names = "--no-torch", description = "Time ours only.")
    boolean noTorch;

    @Option(names = "--hidden", split = ",", paramLabel = "H[,H...]", description = "Hidden sizes (default 128,256).")
    List<Integer> hiddens;

    @Option(names = "--estimators", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Estimators (default gumbel,st-gumbel,reinforce).")
    List<String> estimators;

    @Option(names = "--iters", paramLabel = "N", description = "Timed steps per configuration and round (default 20).")
    Integer iters;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up steps per configuration and round (default 5).")
    Integer warmup;

    @Option(names = "--rounds", paramLabel = "N", description = "Alternations of ours and torch (default 3).")
    Integer rounds;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = BenchSupport.DEFAULT_PYTHON,
            description = "Python with torch (default: ${DEFAULT-VALUE}).")
    Path python;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        GanStepBenchmark.Config d = quick ? GanStepBenchmark.Config.quick() : GanStepBenchmark.Config.defaults();
        GanStepBenchmark.Config cfg = new GanStepBenchmark.Config(d.batch(), d.steps(), d.vocab(), d.embedding(),
                hiddens != null ? hiddens : d.hiddens(), estimators != null ? estimators : d.estimators(),
                warmup != null ? warmup : d.warmup(), iters != null ? iters : d.iters(),
                rounds != null ? rounds : d.rounds(), noTorch ? null : python, BenchSupport.tool(d.peerScript()));
        GanStepBenchmark.Result r = GanStepBenchmark.run(cfg, line -> {
            if (!common.quiet()) {
                System.err.println(line);
            }
        });
        if (json) {
            BenchSupport.printJson(spec.commandLine().getOut(), r.toMap());
        } else {
            r.print(spec.commandLine().getOut());
        }
        return 0;
    }
}
