package org.textgan.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.textgan.data.Dataset;
import org.textgan.data.prep.PrepareOptions;
import org.textgan.data.prep.Preparer;
import org.textgan.experiments.data.DatasetSequences;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.experiments.run.RunMode;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.tensor.Mat;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * A real but small dataset for training and sweep tests: the opening of the built-in Dickens corpus, prepared by
 * data-prep.
 */
public final class SmallCorpus {
    private SmallCorpus() {
    }

    /**
     * @param dir a scratch directory
     * @param chars how many characters of the novel to take (cut at a paragraph break)
     * @param maxLen the dataset's maximum sequence length
     * @return the prepared dataset, in {@code dir/data}
     * @throws IOException if the corpus or the dataset cannot be written
     */
    public static Dataset prepare(Path dir, int chars, int maxLen) throws IOException {
        String text;
        try (InputStream in = SmallCorpus.class.getResourceAsStream("/corpus/dickens.txt")) {
            if (in == null) {
                throw new IllegalStateException("the built-in corpus is missing: build with mvn package");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int cut = text.indexOf("\n\n", Math.min(chars, text.length() - 1));
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, cut < 0 ? text : text.substring(0, cut), StandardCharsets.UTF_8);
        Path out = dir.resolve("data");
        PrepareOptions d = PrepareOptions.defaults(List.of(corpus), out);
        PrepareOptions o = new PrepareOptions(d.inputs(), out, false, d.lowercase(), 2, maxLen, d.longSentences(),
                d.onBadInput(), d.paragraphs(), d.split(), d.splitSeed());
        Preparer.local().prepare(o);
        return Dataset.open(out);
    }

    /**
     * @param dataset the dataset
     * @param maxLen the generator's T
     * @param hidden its hidden size (embedding 8, one layer, seed 3)
     * @param precision its precision
     * @return a fresh small generator for the dataset
     */
    public static CharLstmGenerator generator(Dataset dataset, int maxLen, int hidden, Precision precision) {
        return new CharLstmGenerator(GeneratorConfig.of(dataset.vocabulary().size(), maxLen, 3)
                .withSizes(8, hidden, 1).withPrecision(precision));
    }

    /**
     * The data-parallel tests' fixture: a small corpus, a real local Spark session, and the runs they compare (the
     * single-process trainer against {@link DataParallelTrainer} on threads or Spark tasks, with the same chunks).
     *
     * @param dataset the prepared dataset
     * @param spark the local Spark session
     * @param maxLen the generator's T
     * @param chunkRows the rows of a chunk of the global batch
     */
    public record DataParallelFixture(Dataset dataset, SparkSession spark, int maxLen, int chunkRows)
            implements AutoCloseable {
        /**
         * @param dir a scratch directory
         * @param chars characters of the corpus to take
         * @param maxLen the generator's T (the dataset's maximum length is T - 1)
         * @param chunkRows the rows of a chunk of the global batch
         * @param master the Spark master
         * @param logLevel Spark's log level
         * @return the fixture; close it to stop Spark
         * @throws IOException if the dataset cannot be prepared
         */
        public static DataParallelFixture start(Path dir, int chars, int maxLen, int chunkRows, String master,
                                                String logLevel) throws IOException {
            Dataset dataset = prepare(dir, chars, maxLen - 1);
            SparkSession spark = SparkSession.builder().master(master).appName("DataParallelFixture")
                    .config("spark.ui.enabled", "false").getOrCreate();
            spark.sparkContext().setLogLevel(logLevel);
            return new DataParallelFixture(dataset, spark, maxLen, chunkRows);
        }

        @Override
        public void close() {
            spark.stop();
        }

        /**
         * @param hidden the generator's hidden size (embedding 8, one layer, seed 3)
         * @param precision its precision
         * @return a fresh generator for the dataset
         */
        public CharLstmGenerator generator(int hidden, Precision precision) {
            return SmallCorpus.generator(dataset, maxLen, hidden, precision);
        }

        /**
         * Trains {@code g} in place with the single-process trainer.
         *
         * @param cfg the run's options
         * @param g the generator
         * @param dir the run directory
         * @return the run's outcome
         * @throws IOException if the run directory cannot be written
         */
        public AdversarialTrainer.Result single(AdversarialConfig cfg, CharLstmGenerator g, Path dir)
                throws IOException {
            return new AdversarialTrainer(cfg, g, new DatasetSequences(dataset),
                    ids -> dataset.vocabulary().decode(ids), RunDirectory.open(dir, RunMode.CREATE), chunkRows)
                    .run(Map.of(), TrainProgress.none());
        }

        /**
         * @param cfg the run's options
         * @param g the run's generator
         * @param dir the run directory
         * @return the discriminator of the run's last checkpoint
         * @throws IOException if it cannot be read
         */
        public ParameterSet lastDiscriminator(AdversarialConfig cfg, CharLstmGenerator g, Path dir)
                throws IOException {
            ParameterSet d = AdversarialStepper.buildDiscriminator(cfg, g.config()).parameters();
            d.load(dir.resolve("checkpoints").resolve(String.format("step-%08d", cfg.steps()))
                    .resolve("discriminator.params"));
            return d;
        }

        /**
         * @param cfg the run's options
         * @param g the generator, trained in place
         * @param dir the run directory
         * @param mode create or resume
         * @return the data-parallel trainer
         * @throws IOException if the run directory cannot be opened
         */
        public DataParallelTrainer trainer(AdversarialConfig cfg, CharLstmGenerator g, Path dir, RunMode mode)
                throws IOException {
            return new DataParallelTrainer(cfg, g, new DatasetSequences(dataset),
                    ids -> dataset.vocabulary().decode(ids), RunDirectory.open(dir, mode), chunkRows);
        }

        /**
         * @param a parameters
         * @param b parameters of the same shapes
         * @return max |a - b| over all values
         */
        public static double maxAbsDiff(ParameterSet a, ParameterSet b) {
            return differences(a, b)[0];
        }

        /**
         * @param a parameters
         * @param b parameters of the same shapes
         * @return max |a - b| / max |a| over all values
         */
        public static double relativeDifference(ParameterSet a, ParameterSet b) {
            double[] d = differences(a, b);
            return d[0] / d[1];
        }

        /** @return {max |a - b|, max |a|} over all values */
        private static double[] differences(ParameterSet a, ParameterSet b) {
            double diff = 0;
            double scale = 0;
            for (int p = 0; p < a.list().size(); p++) {
                Mat x = a.list().get(p).value();
                Mat y = b.list().get(p).value();
                assertEquals(x.size(), y.size());
                for (int i = 0; i < x.size(); i++) {
                    diff = Math.max(diff, Math.abs(x.get(i) - y.get(i)));
                    scale = Math.max(scale, Math.abs(x.get(i)));
                }
            }
            return new double[] {diff, scale};
        }
    }
}
