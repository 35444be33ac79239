package org.textgan.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the benchmarks timed side by side against a PyTorch peer ({@code --json}, {@code --no-torch},
 * {@code --python}, {@code --rounds}) and what follows from them; mix in with {@code @Mixin}.
 */
public final class TorchPeerOptions {
    @Mixin
    JsonOutput json;

    @Option(names = "--no-torch", description = "Time ours only.")
    boolean noTorch;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds of ours then torch (default 3).")
    Integer rounds;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = BenchSupport.DEFAULT_PYTHON,
            description = "Python with torch (default: ${DEFAULT-VALUE}).")
    Path python;

    /** @return whether {@code --json} was given */
    boolean json() {
        return json.enabled();
    }

    /**
     * @param quick       whether {@code --quick} was given
     * @return {@code --rounds}, else 1 with {@code --quick}, else 3
     */
    int rounds(boolean quick) {
        return rounds != null ? rounds : quick ? 1 : 3;
    }

    /** @return the interpreter of the peer, or null with {@code --no-torch} */
    Path pythonUnlessNoTorch() {
        return noTorch ? null : python;
    }

    /** @return whether the peer runs: not {@code --no-torch}, and {@code --python} imports torch */
    boolean torch() {
        return !noTorch && BenchSupport.hasTorch(python);
    }

    /**
     * @param torch whether the peer ran ({@link #torch()})
     * @param peer  the peer script
     * @return the peer's status line for the table's caption and the JSON
     */
    String status(boolean torch, Path peer) {
        return torch ? "torch peer " + peer : noTorch ? "torch not run (--no-torch)"
                : "torch missing (" + python + " cannot import torch)";
    }
}
