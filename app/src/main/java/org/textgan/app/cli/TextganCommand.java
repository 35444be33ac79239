package org.textgan.app.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

import org.slf4j.LoggerFactory;
import org.textgan.data.DatasetFormatException;
import org.textgan.data.ToolVersion;
import org.textgan.data.prep.PrepareException;
import org.textgan.experiments.sweep.SweepConfigException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code textgan} command. Adding a subcommand means writing one class annotated with {@code @Command} and
 * listing it in {@link #SUBCOMMANDS}.
 */
@Command(name = "textgan", mixinStandardHelpOptions = true, versionProvider = TextganCommand.Version.class,
        description = "Discrete text GANs: Gumbel-Softmax against REINFORCE on a character-level LSTM generator.")
public final class TextganCommand implements Runnable {
    /** Exit code of a usage error (bad or unknown option). */
    public static final int EXIT_USAGE = 2;
    /** Exit code of a runtime error (bad input, I/O failure, ...). */
    public static final int EXIT_ERROR = 1;

    /**
     * The subcommands, in the order of {@code textgan --help}. Only the one named on the command line is built (picocli
     * builds a command by reflecting over its options, which loads their classes); all of them for help and for an
     * unknown name, so that picocli can list them and suggest the nearest.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            PrepareCommand.class,
            PretrainCommand.class,
            TrainCommand.class,
            SampleCommand.class,
            EvaluateCommand.class,
            ExportCommand.class,
            SweepCommand.class,
            ReportCommand.class,
            EstimatorsCommand.class,
            OracleCommand.class,
            QuickstartCommand.class,
            BenchCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Entry point: runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command without exiting (for tests and embedding).
     *
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new TextganCommand());
        String first = args.length == 0 ? "" : args[0];
        boolean named = SUBCOMMANDS.stream().anyMatch(c -> name(c).equals(first));
        for (Class<?> c : SUBCOMMANDS) {
            if (!named || name(c).equals(first)) {
                cl.addSubcommand(new CommandLine(c)); // as its own root: picocli applies its modelTransformer
            }
        }
        // set after the subcommands are added: these settings are copied to the subcommands present
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        cl.setParameterExceptionHandler((ex, argv) -> {
            CommandLine c = ex.getCommandLine();
            List<String> unmatched = c.getParseResult() == null ? List.of() : c.getParseResult().unmatched();
            String reason = unmatched.isEmpty() ? ex.getMessage()
                    : (unmatched.get(0).startsWith("-") ? "Unknown option: '" : "Unexpected argument: '") + unmatched.get(0) + "'";
            err.println(c.getCommandSpec().qualifiedName() + ": " + reason + " (see '"
                    + c.getCommandSpec().qualifiedName() + " --help')");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            String name = c.getCommandSpec().qualifiedName();
            if (ex instanceof SweepConfigException) {
                err.println(name + ": " + ex.getMessage()); // names the file, line, key and what is expected
                return EXIT_USAGE;
            }
            if (ex instanceof IllegalArgumentException) {
                err.println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
                return EXIT_USAGE;
            }
            if (ex instanceof PrepareException || ex instanceof DatasetFormatException
                    || (ex.getClass() == java.io.IOException.class && ex.getMessage() != null)) {
                err.println(name + ": error: " + ex.getMessage());
            } else {
                err.println(name + ": error: " + ex + (verbose ? "" : " (run with --verbose for details)"));
            }
            if (verbose) {
                ex.printStackTrace(err);
            }
            // looked up here, not in a static field: a command that fails before it logs (a bad sweep file) never
            // starts the logging back end, which is a good part of the time to the error
            LoggerFactory.getLogger(TextganCommand.class).debug("{} failed", name, ex);
            return EXIT_ERROR;
        });
        return cl.execute(args);
    }

    private static String name(Class<?> subcommand) {
        return subcommand.getAnnotation(Command.class).name();
    }

    /** Reports the version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return List.of("textgan " + ToolVersion.get()).toArray(new String[0]);
        }
    }
}
