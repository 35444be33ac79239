package org.textgan.metrics.bleu;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dense ids for tokens and for n-grams of orders 1..maxOrder. A token gets an int id; an n-gram of order
 * k &gt; 1 gets an id from a map keyed by (id of its (k-1)-gram prefix, id of its last token) packed into one
 * {@code long}, so ids are exact (no hash collisions) whatever the vocabulary size.
 */
final class NgramTable implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int maxOrder;
    private final Map<String, Integer> tokenIds = new HashMap<>();
    /** maps[k] holds the n-grams of order k (k &gt;= 2); maps[0] and maps[1] are unused. */
    private final LongIntHashMap[] maps;

    NgramTable(int maxOrder, int expectedNgrams) {
        if (maxOrder < 1) {
            throw new IllegalArgumentException("maxOrder must be >= 1: " + maxOrder);
        }
        this.maxOrder = maxOrder;
        this.maps = new LongIntHashMap[maxOrder + 1];
        for (int k = 2; k <= maxOrder; k++) {
            maps[k] = new LongIntHashMap(expectedNgrams);
        }
    }

    int maxOrder() {
        return maxOrder;
    }

    /** Number of distinct n-grams of order {@code k} seen so far. */
    int size(int k) {
        return k == 1 ? tokenIds.size() : maps[k].size();
    }

    /** Token ids of a sentence, creating ids for new tokens. */
    int[] internTokens(List<String> tokens) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = tokenIds.get(tokens.get(i));
            if (id == null) {
                id = tokenIds.size();
                tokenIds.put(tokens.get(i), id);
            }
            ids[i] = id;
        }
        return ids;
    }

    /** Token ids of a sentence, -1 for tokens never interned. */
    int[] lookupTokens(List<String> tokens) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokenIds.getOrDefault(tokens.get(i), -1);
        }
        return ids;
    }

    private static long key(int prefixId, int tokenId) {
        return ((long) prefixId << 32) | tokenId;
    }

    /**
     * Ids of the n-grams of order {@code k} starting at each position, given the ids of order k-1
     * ({@code previous}, which for k = 2 are the token ids). Creates ids for new n-grams.
     */
    int[] internNext(int[] tokens, int[] previous, int k) {
        int count = Math.max(0, tokens.length - k + 1);
        int[] ids = new int[count];
        LongIntHashMap map = maps[k];
        for (int p = 0; p < count; p++) {
            ids[p] = map.getOrPut(key(previous[p], tokens[p + k - 1]), map.size());
        }
        return ids;
    }

    /** Like {@link #internNext} but read-only: -1 for n-grams (or prefixes, or tokens) never interned. */
    int[] lookupNext(int[] tokens, int[] previous, int k) {
        int count = Math.max(0, tokens.length - k + 1);
        int[] ids = new int[count];
        LongIntHashMap map = maps[k];
        for (int p = 0; p < count; p++) {
            int prefix = previous[p];
            int last = tokens[p + k - 1];
            ids[p] = prefix < 0 || last < 0 ? -1 : map.get(key(prefix, last));
        }
        return ids;
    }
}
