package org.textgan.generator.lstm;

import java.util.List;

/**
 * Teacher-forced negative log-likelihood of a set of sequences (each followed by EOS, cut to the generator's maximum
 * length as in {@link TokenBatch}), in nats and bits per character (per predicted token, EOS included).
 */
public final class NllEvaluator {
    private final TeacherForcedPass pass;

    /**
     * The measured likelihood.
     *
     * @param nats mean negative log-likelihood per predicted token, in nats
     * @param tokens the number of predicted tokens
     * @param sequences the number of sequences
     */
    public record Nll(double nats, long tokens, int sequences) {
        /** @return the same in bits per character */
        public double bitsPerChar() {
            return nats / Math.log(2);
        }

        /**
         * @return the mean negative log-likelihood of a whole sequence in nats (every predicted token, EOS included
         *         when the sequence has one; NaN for no sequences)
         */
        public double natsPerSequence() {
            return sequences == 0 ? Double.NaN : nats * tokens / sequences;
        }
    }

    /**
     * @param generator the model
     * @param batch evaluation batch size
     */
    public NllEvaluator(CharLstmGenerator generator, int batch) {
        this.pass = generator.teacherForced(batch);
    }

    /**
     * @param sequences char-id sequences without BOS/EOS
     * @return their mean NLL (NaN for no tokens)
     */
    public Nll evaluate(List<int[]> sequences) {
        double sum = 0;
        long tokens = 0;
        int b = pass.batch();
        for (int from = 0; from < sequences.size(); from += b) {
            double[] r = batchSum(sequences.subList(from, Math.min(sequences.size(), from + b)));
            sum += r[0];
            tokens += (long) r[1];
        }
        return new Nll(tokens == 0 ? Double.NaN : sum / tokens, tokens, sequences.size());
    }

    /** @return the evaluation batch size: {@link #evaluate} adds the sums of consecutive batches of this many */
    public int batch() {
        return pass.batch();
    }

    /**
     * One batch of {@link #evaluate}: adding these sums over consecutive batches of {@link #batch()} sequences, in order
     * and starting from 0, gives {@link #evaluate}'s numbers to the bit (so the batches can be computed elsewhere).
     *
     * @param sequences at most {@link #batch()} sequences
     * @return {summed negative log-likelihood in nats, predicted tokens}
     */
    public double[] batchSum(List<int[]> sequences) {
        TokenBatch batch = TokenBatch.of(sequences, pass.batch(), pass.steps());
        pass.forward(batch);
        return new double[] {pass.sumNll(), batch.tokens()};
    }
}
