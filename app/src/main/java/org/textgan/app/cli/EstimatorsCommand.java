package org.textgan.app.cli;

import org.textgan.experiments.estimators.EstimatorTrajectory;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.textgan.experiments.estimators.EstimatorLab;
import org.textgan.experiments.estimators.EstimatorLabConfig;
import org.textgan.experiments.estimators.EstimatorTable;

import picocli.CommandLine.Command;

import static org.textgan.app.cli.DeclaredOption.flag;
import static org.textgan.app.cli.DeclaredOption.of;

/** {@code textgan estimators}: the estimator lab (bias and variance of gradient estimators on toy problems). */
@Command(name = "estimators", mixinStandardHelpOptions = true,
        description = {"Measure the bias and variance of the gradient estimators (Gumbel-Softmax, straight-through, "
                + "REINFORCE with baselines, REBAR, RELAX) against exact gradients on toy problems.",
            "Writes DIR/" + EstimatorTable.CSV_FILE + ", DIR/" + EstimatorTable.JSON_FILE + " and SVG plots; prints the table."})
public final class EstimatorsCommand extends CliCommand {
    static final DeclaredOption OUT = of("--out", "DIR", Path.class, null, "Output directory.").required();
    static final DeclaredOption DRAWS = of("--draws", "N", int.class, "10000",
            "Measured draws per row (default: ${DEFAULT-VALUE}); warm-up draws are min(2000, N/5).").atLeast(2);
    static final DeclaredOption SEED = of("--seed", "S", long.class, "1", "Master seed (default: ${DEFAULT-VALUE}).");
    static final DeclaredOption TAUS = of("--taus", "T,T,...", String.class, "0.1,0.2,0.5,1,2,5", "Temperature grid (default: ${DEFAULT-VALUE}).");
    static final DeclaredOption NO_PLOTS = flag("--no-plots", "Skip the SVG plots.");
    static final DeclaredOption TRAJECTORY = flag("--trajectory", "Also measure the trainer's own estimators "
            + "(REINFORCE with and without a leave-one-out baseline, Gumbel-Softmax, straight-through, REBAR, RELAX) on the "
            + "generator of one real adversarial run (oracle data, short MLE pretraining, Gumbel-Softmax training), "
            + "at checkpoints along its trajectory; writes trajectory.csv/.json.");
    static final DeclaredOption FORCE = flag("--force", "Write into DIR even if it is not empty (files of the same name are replaced).");

    @Override
    public Integer call() throws Exception {
        DeclaredOptions.check(spec);
        List<Double> grid = CliSupport.positiveDoubles("--taus", get(TAUS));
        Path out = get(OUT);
        int draws = get(DRAWS);
        long seed = get(SEED);
        if (Files.isDirectory(out) && !(boolean) get(FORCE)) {
            try (Stream<Path> s = Files.list(out)) {
                CliSupport.require(s.findAny().isEmpty(), "output directory " + out
                        + " already exists and is not empty: pass --force to write into it");
            }
        } else if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is not a directory");
        }
        EstimatorLabConfig cfg = EstimatorLabConfig.defaults().withTaus(grid)
                .withDraws(draws, Math.min(2000, draws / 5)).withSeed(seed);
        EstimatorTable table = new EstimatorLab(cfg).runAndWrite(out, !(boolean) get(NO_PLOTS));
        PrintWriter o = out();
        o.print(table.toText());
        if (get(TRAJECTORY)) {
            List<EstimatorTrajectory.Row> rows = EstimatorTrajectory.run(EstimatorTrajectory.Config.small(seed), out);
            o.printf("%nalong one adversarial trajectory:%n%s",
                    EstimatorTrajectory.format(rows));
        }
        o.printf("%nwrote %s%n", out);
        o.flush();
        return 0;
    }
}
