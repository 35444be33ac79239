package org.textgan.app.cli;

import org.textgan.experiments.estimators.EstimatorTrajectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.textgan.experiments.estimators.EstimatorLab;
import org.textgan.experiments.estimators.EstimatorLabConfig;
import org.textgan.experiments.estimators.EstimatorTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code textgan estimators}: the estimator lab (bias and variance of gradient estimators on toy problems). */
@Command(name = "estimators", mixinStandardHelpOptions = true,
        description = {"Measure the bias and variance of the gradient estimators (Gumbel-Softmax, straight-through, "
                + "REINFORCE with baselines, REBAR, RELAX) against exact gradients on toy problems.",
            "Writes DIR/" + EstimatorTable.CSV_FILE + ", DIR/" + EstimatorTable.JSON_FILE + " and PNG plots; prints the table."})
public final class EstimatorsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--draws", paramLabel = "N", defaultValue = "10000",
            description = "Measured draws per row (default: ${DEFAULT-VALUE}); warm-up draws are min(2000, N/5).")
    int draws;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--taus", paramLabel = "T,T,...", defaultValue = "0.1,0.2,0.5,1,2,5",
            description = "Temperature grid (default: ${DEFAULT-VALUE}).")
    String taus;

    @Option(names = "--no-plots", description = "Skip the PNG plots.")
    boolean noPlots;

    @Option(names = "--trajectory", description = "Also measure REINFORCE, Gumbel-Softmax and straight-through on the "
            + "generator of one real adversarial run (oracle data, short MLE pretraining, Gumbel-Softmax training), "
            + "at checkpoints along its trajectory; writes trajectory.csv/.json.")
    boolean trajectory;

    @Option(names = "--force", description = "Write into DIR even if it is not empty (files of the same name are replaced).")
    boolean force;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        CliSupport.require(draws >= 2, "--draws must be at least 2, got " + draws);
        List<Double> grid = CliSupport.positiveDoubles("--taus", taus);
        if (Files.isDirectory(out) && !force) {
            try (Stream<Path> s = Files.list(out)) {
                CliSupport.require(s.findAny().isEmpty(), "output directory " + out
                        + " already exists and is not empty: pass --force to write into it");
            }
        } else if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is not a directory");
        }
        EstimatorLabConfig cfg = EstimatorLabConfig.defaults().withTaus(grid)
                .withDraws(draws, Math.min(2000, draws / 5)).withSeed(seed);
        EstimatorTable table = new EstimatorLab(cfg).runAndWrite(out, !noPlots);
        spec.commandLine().getOut().print(table.toText());
        if (trajectory) {
            List<EstimatorTrajectory.Row> rows = EstimatorTrajectory.run(EstimatorTrajectory.Config.small(seed), out);
            spec.commandLine().getOut().printf("%nalong one adversarial trajectory:%n%s",
                    EstimatorTrajectory.format(rows));
        }
        spec.commandLine().getOut().printf("%nwrote %s%n", out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
