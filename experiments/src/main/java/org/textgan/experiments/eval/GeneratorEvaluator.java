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
import org.textgan.metrics.lm.LmScorer;

/**
 * Evaluates a generator on a dataset: NLL of the <em>test</em> split (never the training data), NLL of its own samples
 * (an entropy estimate), BLEU-2..5 of its samples against every test sentence, Self-BLEU-2..5 of the samples against
 * each other, distinct-n and the character n-gram Jensen-Shannon divergence, the LM score and reverse LM score
 * ({@link LmScorer}), and, on oracle data, the oracle's NLL of the samples. NLLs are given in bits per symbol (the
 * unsuffixed keys), nats per symbol ({@code _nats}) and nats per sequence ({@code _seq}; the sum over a sequence's
 * predicted tokens, its EOS included when it has one). Samples are split into words with the tokenizer that prepared the
 * references, or into symbols for synthetic (oracle) data, whose references are symbol sequences. The reference index
 * and the forward LM are built once and reused across calls (quality-diversity curves, checkpoints).
 */
public final class GeneratorEvaluator {
    private final Dataset dataset;
    private final Optional<CharLstmGenerator> oracle;
    private final WordTokenizer tokenizer;
    private final boolean symbols;
    private final List<String> referenceLines;
    private PreparedReferences prepared;
    private TextMetrics metrics;
    private LmScorer lmScorer;

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
            hyps.add(vocab.isSymbols() ? Sentences.tokenize(text) : symbols ? symbolTokens(text) : tokenizer.tokens(text));
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
        out.put("nll_test_seq", nllTest.natsPerSequence());
        out.put("nll_gen", nll.evaluate(sampled).bitsPerChar());
        if (oracle.isPresent()) {
            NllEvaluator.Nll o = new NllEvaluator(oracle.get(), 64).evaluate(sampled);
            out.put("nll_oracle", o.bitsPerChar());
            out.put("nll_oracle_nats", o.nats());
            out.put("nll_oracle_seq", o.natsPerSequence());
        }
        LmScorer.Scores lm = lmScorer().score(sampled, test);
        out.put("lm_score", lm.lmScore());
        out.put("reverse_lm_score", lm.reverseLmScore());
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

    /**
     * Synthetic data written with single-character symbols (oracle datasets of earlier versions) is compared symbol by
     * symbol, as its {@code .tok} references are written.
     */
    private static List<String> symbolTokens(String text) {
        List<String> out = new ArrayList<>(text.length());
        text.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    private LmScorer lmScorer() {
        if (lmScorer == null) {
            lmScorer = new LmScorer(dataset.split(Split.TRAIN).sequences(), dataset.vocabulary().size());
        }
        return lmScorer;
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
