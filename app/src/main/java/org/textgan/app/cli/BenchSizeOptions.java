package org.textgan.app.cli;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * The model-size options the generator and GAN-step benchmarks share ({@code --hidden}, {@code --length},
 * {@code --vocab}, {@code --iters}); mix in with {@code @Mixin}. An option not given leaves the benchmark's own default.
 */
public final class BenchSizeOptions {
    @Option(names = "--hidden", paramLabel = "H[,H...]", split = ",", description = "Hidden sizes (default 128,256).")
    List<Integer> hidden;

    @Option(names = "--length", paramLabel = "T", description = "Sequence length (default 32).")
    Integer length;

    @Option(names = "--vocab", paramLabel = "V", description = "Vocabulary size, reserved ids included (default 64; "
            + "the oracle experiment at the papers' scale: 5004).")
    Integer vocab;

    @Option(names = "--iters", paramLabel = "N", description = "Timed steps per configuration and round (default 20).")
    Integer iters;

    /**
     * @param fallback the benchmark's hidden sizes
     * @return {@code --hidden}, else {@code fallback}
     */
    List<Integer> hidden(List<Integer> fallback) {
        return hidden != null ? hidden : fallback;
    }

    /**
     * @param fallback the benchmark's sequence length
     * @return {@code --length}, else {@code fallback}
     */
    int length(int fallback) {
        return length != null ? length : fallback;
    }

    /**
     * @param fallback the benchmark's vocabulary size
     * @return {@code --vocab}, else {@code fallback}
     */
    int vocab(int fallback) {
        return vocab != null ? vocab : fallback;
    }

    /**
     * @param fallback the benchmark's timed steps
     * @return {@code --iters}, else {@code fallback}
     */
    int iters(int fallback) {
        return iters != null ? iters : fallback;
    }
}
