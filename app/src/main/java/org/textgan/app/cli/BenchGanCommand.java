package org.textgan.app.cli;

import org.textgan.experiments.bench.GanStepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import static org.textgan.app.cli.DeclaredOption.flag;
import static org.textgan.app.cli.DeclaredOption.list;
import static org.textgan.app.cli.DeclaredOption.of;

/** {@code textgan bench gan}: one full adversarial step (D step + G step) per estimator, ours against PyTorch. */
@Command(name = "gan", mixinStandardHelpOptions = true,
        description = {"Benchmark the full GAN step (one discriminator step on a real and a fake batch, then one "
                + "generator step) of the trainer for gumbel, st-gumbel and reinforce (no rollouts), float32, one "
                + "thread, against the PyTorch peer tools/peer/gan_peer.py run side by side (rounds alternate ours "
                + "and torch). Without /usr/bin/python3 + torch it times ours only and says so."})
public final class BenchGanCommand extends PeerBenchCommand {
    static final DeclaredOption QUICK = flag("--quick", "Smoke run: B=8, T=8, H=32, one timed step of each estimator, one round.");
    static final DeclaredOption ESTIMATORS = list("--estimators", "NAME[,NAME...]", String.class, null,
            "Estimators (default gumbel,st-gumbel,reinforce).");
    static final DeclaredOption BATCH_SIZE = of("--batch-size", "B", Integer.class, null, "Sequences per batch (default 64).");
    static final DeclaredOption EMBEDDING = of("--embedding", "E", Integer.class, null, "Generator embedding size (default 32).");
    static final DeclaredOption ROLLOUTS = of("--rollouts", "K", Integer.class, null,
            "REINFORCE's Monte-Carlo completions per prefix, on both sides (default 0).");
    static final DeclaredOption WARMUP = of("--warmup", "N", Integer.class, null, "Warm-up steps per configuration and round (default 5).");

    @Mixin
    BenchSizeOptions sizes;

    @Override
    public Integer call() throws Exception {
        boolean quick = get(QUICK);
        GanStepBenchmark.Config d = quick ? GanStepBenchmark.Config.quick() : GanStepBenchmark.Config.defaults();
        GanStepBenchmark.Config cfg = new GanStepBenchmark.Config(or(BATCH_SIZE, d.batch()), sizes.length(d.steps()),
                sizes.vocab(d.vocab()), or(EMBEDDING, d.embedding()), sizes.hidden(d.hiddens()), or(ESTIMATORS, d.estimators()),
                or(WARMUP, d.warmup()), sizes.iters(d.iters()), peer.rounds(quick), peer.pythonUnlessNoTorch(),
                BenchSupport.tool(d.peerScript()), or(ROLLOUTS, d.rollouts()));
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
