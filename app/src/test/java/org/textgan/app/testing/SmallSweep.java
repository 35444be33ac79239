package org.textgan.app.testing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.textgan.data.prep.PrepareOptions;
import org.textgan.data.prep.Preparer;

/**
 * What the app's process-level tests share: a small sweep over the start of the built-in corpus (3 runs: gumbel,
 * reinforce and MLE; tiny models, a few steps) and the JVM flags a child {@code textgan} JVM needs.
 */
public final class SmallSweep {
    private SmallSweep() {
    }

    /**
     * Prepares DIR/data from the first 20,000 characters of the built-in corpus and writes DIR/sweep.yaml over it.
     *
     * @param dir an empty folder
     * @return the sweep file
     * @throws IOException on a failure to write
     */
    public static Path write(Path dir) throws IOException {
        String text;
        try (InputStream in = SmallSweep.class.getResourceAsStream("/corpus/dickens.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, text.substring(0, text.indexOf("\n\n", 20_000)));
        Path data = dir.resolve("data");
        PrepareOptions d = PrepareOptions.defaults(List.of(corpus), data);
        Preparer.local().prepare(new PrepareOptions(d.inputs(), data, false, false, 2, 20, d.longSentences(),
                d.onBadInput(), d.paragraphs(), d.split(), d.splitSeed()));
        Path yaml = dir.resolve("sweep.yaml");
        Files.writeString(yaml, String.join("\n",
                "data: data",
                "seeds: [3]",
                "model: {embedding: 8, hidden: 16, layers: 1}",
                "pretrain: {steps: 20, batch_size: 16}",
                "steps: 3",
                "grid: {estimators: [gumbel, reinforce], schedules: [constant], taus: [1.0]}",
                "mle_temperatures: [1.0]",
                "train: {batch_size: 8, filters_per_width: 4, filter_widths: [2, 3], discriminator_embedding: 8,",
                "        eval_every: 2, log_every: 1, samples: 5}",
                "eval: {samples: 20, max_test_sequences: 50, max_references: 50}",
                ""));
        return yaml;
    }

    /**
     * @return the Java 17 flags of this JVM that Spark needs (the surefire argLine: spark.jvm.flags) and its G1 region
     *         size (gc.jvm.flags), plus the vector API module
     * @throws IllegalStateException if this JVM lacks them
     */
    public static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.equals("-XX:+IgnoreUnrecognizedVMOptions")
                    || a.startsWith("-Djdk.reflect.useDirectMethodHandle") || a.startsWith("-Dio.netty.tryReflection")
                    || a.startsWith("-XX:G1HeapRegionSize")) {
                flags.add(a);
            }
        }
        if (flags.stream().noneMatch(f -> f.contains("java.base/java.nio=ALL-UNNAMED"))) {
            throw new IllegalStateException("the test JVM lacks the Spark --add-opens flags (surefire argLine): "
                    + ManagementFactory.getRuntimeMXBean().getInputArguments());
        }
        flags.add("--add-modules=jdk.incubator.vector");
        return flags;
    }
}
