package org.textgan.experiments.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.textgan.data.Dataset;
import org.textgan.common.Split;
import org.textgan.data.Vocabulary;
import org.textgan.data.prep.WordTokenizer;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.NllEvaluator;
import org.textgan.metrics.PreparedReferences;
import org.textgan.metrics.Sentences;
import org.textgan.metrics.TextMetrics;
import org.textgan.metrics.TextMetricsConfig;
import org.textgan.metrics.TextMetricsResult;

/**
 * Evaluates a generator on a dataset: NLL of the <em>test</em> split (never the training data), NLL of its own samples
 * (an entropy estimate), BLEU-2..5 of its samples against every test sentence, Self-BLEU-2..5 of the samples against
 * each other, distinct-n and the character n-gram Jensen-Shannon divergence, and, on oracle data, the oracle's NLL of
 * the samples. Samples are split into words with the tokenizer that prepared the references, or into single symbols
 * for synthetic (oracle) data, whose references are symbol sequences. The reference index is built once and reused across calls (quality-diversity curves, checkpoints).
 */
public final class GeneratorEvaluator {
    private final Dataset dataset;
    private final Optional<CharLstmGenerator> oracle;
    private final WordTokenizer tokenizer;
    private final boolean symbols;
    private final List<String> referenceLines;
    private PreparedReferences prepared;
    private TextMetrics metrics;

    /**
     * @param dataset the dataset (its test split is the reference)
     * @param oracle the oracle that generated the dataset, for {@code nll_oracle}, if any
     */
    public GeneratorEvaluator(Dataset dataset, Optional<CharLstmGenerator> oracle) {
        this.dataset = dataset;
        this.oracle = oracle;
        this.referenceLines = dataset.split(Split.TEST).tokens();
        this.tokenizer = new WordTokenizer(dataset.manifest().options().lowercase());
        this.symbols = dataset.manifest().synthetic() != null;
    }

    /**
     * Samples and evaluates.
     *
     * @param generator the model
     * @param config sample count, temperature, seed, limits
     * @return the metrics as an ordered map with lower-case keys ({@code docs/formats.md}), and the samples
     */
    public Evaluation evaluate(CharLstmGenerator generator, EvalConfig config) {
        Vocabulary vocab = dataset.vocabulary();
        SplittableRandom rng = new SplittableRandom(config.seed());
        List<int[]> sampled = generator.sampler(Math.min(config.samples(), 256))
                .sample(config.samples(), config.samplingTemperature(), rng);
        List<String> texts = new ArrayList<>(sampled.size());
        List<List<String>> hyps = new ArrayList<>(sampled.size());
        for (int[] ids : sampled) {
            String text = vocab.decode(ids);
            texts.add(text);
            hyps.add(symbols ? symbolTokens(text) : tokenizer.tokens(text));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        List<int[]> test = dataset.split(Split.TEST).sequences();
        if (config.maxTestSequences() > 0 && test.size() > config.maxTestSequences()) {
            test = test.subList(0, config.maxTestSequences());
        }
        NllEvaluator nll = new NllEvaluator(generator, 64);
        NllEvaluator.Nll nllTest = nll.evaluate(test);
        out.put("nll_test", nllTest.bitsPerChar());
        out.put("nll_test_nats", nllTest.nats());
        out.put("nll_gen", nll.evaluate(sampled).bitsPerChar());
        oracle.ifPresent(o -> out.put("nll_oracle", new NllEvaluator(o, 64).evaluate(sampled).bitsPerChar()));
        TextMetricsResult text = textMetrics(config).evaluate(hyps, references(config));
        out.putAll(text.toMap());
        out.put("sampling_temperature", config.samplingTemperature());
        return new Evaluation(out, texts);
    }

    /**
     * The quality-diversity curve: {@link #evaluate} at each sampling temperature.
     *
     * @param generator the model
     * @param config the base options
     * @param temperatures sampling temperatures
     * @return one evaluation per temperature, in order
     */
    public List<Evaluation> curve(CharLstmGenerator generator, EvalConfig config, List<Double> temperatures) {
        List<Evaluation> out = new ArrayList<>();
        for (double t : temperatures) {
            out.add(evaluate(generator, config.withTemperature(t)));
        }
        return out;
    }

    /** Synthetic (oracle) data is compared symbol by symbol, as its {@code .tok} references are written. */
    private static List<String> symbolTokens(String text) {
        List<String> out = new ArrayList<>(text.length());
        text.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    private TextMetrics textMetrics(EvalConfig config) {
        if (metrics == null) {
            metrics = new TextMetrics(TextMetricsConfig.defaults().withThreads(config.threads()));
        }
        return metrics;
    }

    private PreparedReferences references(EvalConfig config) {
        if (prepared == null) {
            List<String> lines = referenceLines;
            if (config.maxReferences() > 0 && lines.size() > config.maxReferences()) {
                lines = lines.subList(0, config.maxReferences());
            }
            List<List<String>> refs = new ArrayList<>(lines.size());
            for (String l : lines) {
                refs.add(Sentences.tokenize(l));
            }
            prepared = textMetrics(config).prepare(refs);
        }
        return prepared;
    }

    /**
     * An evaluation's outcome.
     *
     * @param metrics metric name to value, lower-case keys
     * @param samples the decoded samples
     */
    public record Evaluation(Map<String, Object> metrics, List<String> samples) {
    }
}
