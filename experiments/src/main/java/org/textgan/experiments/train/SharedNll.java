package org.textgan.experiments.train;

import java.util.List;
import org.textgan.generator.lstm.NllEvaluator;
import org.textgan.spark.dataparallel.AllReduce;
import org.textgan.spark.dataparallel.ChunkTree;

/**
 * An NLL evaluation shared by the replicas of a data-parallel run ({@link TrainingLoop} at every evaluation step), so
 * that no replica evaluates alone while the others wait at their next exchange.
 */
public final class SharedNll {
    private SharedNll() {
    }

    /**
     * The NLL of the sequences in bits per character, computed by all replicas together: each replica evaluates a
     * contiguous range of the batches as its chunk of an all-reduce (each batch's sums in their own slots, so the tree
     * adds only zeros to them), and every replica adds the batch sums in order as {@link NllEvaluator#evaluate} does:
     * the same bits for any number of replicas, and the same as one evaluator alone. Every replica must call it at the
     * same points.
     *
     * @param evaluator this replica's evaluator
     * @param sequences the sequences (not empty)
     * @param reduce this replica's end of the all-reduce
     * @return bits per character
     */
    public static double bitsPerChar(NllEvaluator evaluator, List<int[]> sequences, AllReduce reduce) {
        int b = evaluator.batch();
        int batches = (sequences.size() + b - 1) / b;
        // one chunk per replica, each over a contiguous range of batches; every batch's sums have their own slots,
        // so the tree adds only zeros to them and the bits do not depend on the number of replicas
        int chunks = reduce.size();
        double[] sums = reduce.sum(chunks, false, c -> {
            double[] out = new double[2 * batches];
            int[] range = ChunkTree.range(c, chunks, batches);
            for (int batch = range[0]; batch < range[1]; batch++) {
                double[] r = evaluator.batchSum(sequences.subList(batch * b,
                        Math.min(sequences.size(), (batch + 1) * b)));
                out[2 * batch] = r[0];
                out[2 * batch + 1] = r[1];
            }
            return out;
        });
        double sum = 0;
        long tokens = 0;
        for (int c = 0; c < batches; c++) {
            sum += sums[2 * c];
            tokens += (long) sums[2 * c + 1];
        }
        return new NllEvaluator.Nll(tokens == 0 ? Double.NaN : sum / tokens, tokens, sequences.size()).bitsPerChar();
    }
}
