package org.textgan.metrics.lm;

import java.util.List;

/**
 * The language-model scores of Semeniuta et al. (2018, "On Accurate Evaluation of GANs for Language Generation") and
 * Caccia et al. (2020, "Language GANs Falling Short"), with a fixed, documented scoring model: an interpolated
 * Kneser-Ney n-gram model of order {@value #ORDER} over the dataset's ids (characters for text, symbols for the
 * oracle experiment), {@link KneserNeyLm}.
 *
 * <ul>
 *   <li><b>LM score</b> (quality): the model trained once on the real <em>training</em> split scores the generated
 *   samples; lower means the samples look more like real text.</li>
 *   <li><b>Reverse LM score</b> (diversity and coverage): a model trained on the generated samples scores the real
 *   <em>test</em> split; lower means the samples cover more of the real distribution. A generator that repeats a few
 *   good sentences gets a good LM score and a bad reverse LM score.</li>
 * </ul>
 * Both are negative log-likelihoods in nats per predicted token (every symbol and the end of each sequence). Why an
 * n-gram model and not a neural LM: it is exact to reproduce (no training seed, no optimiser, the same numbers on
 * every machine), fast enough to retrain on every evaluation's samples (the reverse score trains one model per
 * evaluation), needs no GPU, and its smoothing gives every sequence a finite score. Its scores are not comparable to
 * the papers' LSTM-based values in absolute terms, only between runs scored by the same model.
 */
public final class LmScorer {
    /** The n-gram order of the scoring model. */
    public static final int ORDER = 5;

    private final KneserNeyLm forward;
    private final int symbols;

    /**
     * Trains the forward model.
     *
     * @param train   the real training sequences (ids in {@code [0, symbols)})
     * @param symbols the number of ids
     */
    public LmScorer(List<int[]> train, int symbols) {
        this.forward = KneserNeyLm.train(train, symbols, ORDER);
        this.symbols = symbols;
    }

    /**
     * @param samples generated sequences
     * @param test    the real test sequences
     * @return both scores
     */
    public Scores score(List<int[]> samples, List<int[]> test) {
        double lm = forward.score(samples).natsPerToken();
        double reverse = KneserNeyLm.train(samples, symbols, ORDER).score(test).natsPerToken();
        return new Scores(lm, reverse);
    }

    /**
     * The two scores.
     *
     * @param lmScore        the training-split model's NLL of the samples, nats per token ({@code lm_score})
     * @param reverseLmScore the samples' model's NLL of the test split, nats per token ({@code reverse_lm_score})
     */
    public record Scores(double lmScore, double reverseLmScore) {
    }
}
