package org.textgan.app.cli;

import java.util.List;
import org.textgan.experiments.bench.GanStepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code textgan bench gan}: one full adversarial step (D step + G step) per estimator, ours against PyTorch. */
@Command(name = "gan", mixinStandardHelpOptions = true,
        description = {"Benchmark the full GAN step (one discriminator step on a real and a fake batch, then one "
                + "generator step) of the trainer for gumbel, st-gumbel and reinforce (no rollouts), float32, one "
                + "thread, against the PyTorch peer tools/peer/gan_peer.py run side by side (rounds alternate ours "
                + "and torch). Without /usr/bin/python3 + torch it times ours only and says so."})
public final class BenchGanCommand extends CliCommand {
    @Option(names = "--quick", description = "Smoke run: B=8, T=8, H=32, one timed step of each estimator, one round.")
    boolean quick;

    @Mixin
    TorchPeerOptions peer;

    @Option(names = "--hidden", split = ",", paramLabel = "H[,H...]", description = "Hidden sizes (default 128,256).")
    List<Integer> hiddens;

    @Option(names = "--estimators", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Estimators (default gumbel,st-gumbel,reinforce).")
    List<String> estimators;

    @Option(names = "--batch-size", paramLabel = "B", description = "Sequences per batch (default 64).")
    Integer batch;

    @Option(names = "--length", paramLabel = "T", description = "Sequence length (default 32).")
    Integer length;

    @Option(names = "--vocab", paramLabel = "V", description = "Vocabulary size (default 64).")
    Integer vocab;

    @Option(names = "--embedding", paramLabel = "E", description = "Generator embedding size (default 32).")
    Integer embedding;

    @Option(names = "--rollouts", paramLabel = "K", description = "REINFORCE's Monte-Carlo completions per prefix, on both sides (default 0).")
    Integer rollouts;

    @Option(names = "--iters", paramLabel = "N", description = "Timed steps per configuration and round (default 20).")
    Integer iters;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up steps per configuration and round (default 5).")
    Integer warmup;

    @Override
    public Integer call() throws Exception {
        GanStepBenchmark.Config d = quick ? GanStepBenchmark.Config.quick() : GanStepBenchmark.Config.defaults();
        GanStepBenchmark.Config cfg = new GanStepBenchmark.Config(batch != null ? batch : d.batch(),
                length != null ? length : d.steps(), vocab != null ? vocab : d.vocab(),
                embedding != null ? embedding : d.embedding(),
                hiddens != null ? hiddens : d.hiddens(), estimators != null ? estimators : d.estimators(),
                warmup != null ? warmup : d.warmup(), iters != null ? iters : d.iters(),
                peer.rounds(quick), peer.pythonUnlessNoTorch(), BenchSupport.tool(d.peerScript()),
                rollouts != null ? rollouts : d.rollouts());
        GanStepBenchmark.Result r = GanStepBenchmark.run(cfg, line -> {
            if (!common.quiet()) {
                System.err.println(line);
            }
        });
        if (peer.json()) {
            JsonOutput.print(out(), r.toMap());
        } else {
            r.print(out());
        }
        return 0;
    }
}
