package org.textgan.metrics.bleu;

import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores whole hypothesis sets with BLEU and Self-BLEU through the n-gram indexes, in parallel over
 * hypotheses. Results do not depend on the thread count (exact merging, see {@link BleuAccumulator}).
 */
public final class BleuEvaluator {
    /** BLEU orders computed by default (BLEU-1..5). */
    public static final int DEFAULT_MAX_ORDER = 5;

    private static final Logger LOG = LoggerFactory.getLogger(BleuEvaluator.class);
    private static final int CHUNK = 256;

    private final int threads;
    private final int maxOrder;

    /**
     * Creates an evaluator.
     *
     * @param threads  worker threads (1 runs on the calling thread)
     * @param maxOrder highest BLEU order
     */
    public BleuEvaluator(int threads, int maxOrder) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        if (maxOrder < 1) {
            throw new IllegalArgumentException("maxOrder must be >= 1: " + maxOrder);
        }
        this.threads = threads;
        this.maxOrder = maxOrder;
    }

    /**
     * Creates an evaluator of BLEU-1..5.
     *
     * @param threads worker threads
     */
    public BleuEvaluator(int threads) {
        this(threads, DEFAULT_MAX_ORDER);
    }

    /**
     * Indexes the references.
     *
     * @param references tokenised references
     * @return their index for this evaluator's order
     */
    public ReferenceIndex index(List<? extends List<String>> references) {
        return ReferenceIndex.build(references, maxOrder);
    }

    /**
     * BLEU of every hypothesis against all references: mean sentence BLEU and corpus BLEU.
     *
     * @param hypotheses tokenised hypotheses (at least one)
     * @param references tokenised references (at least one)
     * @return the scores
     */
    public BleuResult bleu(List<? extends List<String>> hypotheses, List<? extends List<String>> references) {
        return bleu(hypotheses, index(references));
    }

    /**
     * BLEU of every hypothesis against an indexed reference set.
     *
     * @param hypotheses tokenised hypotheses (at least one)
     * @param references the reference index (order at least this evaluator's)
     * @return the scores
     */
    public BleuResult bleu(List<? extends List<String>> hypotheses, ReferenceIndex references) {
        requireOrder(references.maxOrder());
        List<? extends List<String>> indexed =
                hypotheses instanceof RandomAccess ? hypotheses : new ArrayList<>(hypotheses);
        return run(indexed.size(), i -> references.count(indexed.get(i)));
    }

    /**
     * Self-BLEU: each sample against all other samples.
     *
     * @param samples tokenised samples (at least two)
     * @return mean sentence Self-BLEU (and the corresponding corpus BLEU) per order
     */
    public BleuResult selfBleu(List<? extends List<String>> samples) {
        return selfBleu(SelfBleuIndex.build(samples, maxOrder));
    }

    /**
     * Self-BLEU over an indexed sample set.
     *
     * @param index the sample index
     * @return the scores
     */
    public BleuResult selfBleu(SelfBleuIndex index) {
        requireOrder(index.maxOrder());
        return run(index.size(), index::count);
    }

    private void requireOrder(int indexOrder) {
        if (indexOrder < maxOrder) {
            throw new IllegalArgumentException("index order " + indexOrder + " < evaluator order " + maxOrder);
        }
    }

    private BleuResult run(int size, IntFunction<MatchCounts> counter) {
        if (size == 0) {
            throw new IllegalArgumentException("no hypotheses");
        }
        long start = System.nanoTime();
        BleuAccumulator total = new BleuAccumulator(maxOrder);
        if (threads == 1 || size <= CHUNK) {
            total.merge(range(counter, 0, size));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "bleu-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<BleuAccumulator>> parts = new ArrayList<>();
                for (int from = 0; from < size; from += CHUNK) {
                    int lo = from;
                    int hi = Math.min(size, from + CHUNK);
                    parts.add(pool.submit(() -> range(counter, lo, hi)));
                }
                for (Future<BleuAccumulator> part : parts) {
                    total.merge(part.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("BLEU worker failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        LOG.debug("scored {} hypotheses in {} ms", size, (System.nanoTime() - start) / 1_000_000);
        return total.result();
    }

    private BleuAccumulator range(IntFunction<MatchCounts> counter, int from, int to) {
        BleuAccumulator acc = new BleuAccumulator(maxOrder);
        for (int i = from; i < to; i++) {
            acc.add(counter.apply(i));
        }
        return acc;
    }
}
