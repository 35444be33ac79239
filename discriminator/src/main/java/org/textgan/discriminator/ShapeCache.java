package org.textgan.discriminator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;

/**
 * Per-pass, per-shape buffer sets of a discriminator: a forward pass of pass slot {@code p} at shape {@code (B, T)}
 * reuses the buffers last allocated for that slot and shape (a few shapes are kept per slot, least recently used
 * evicted), and the slot remembers them for its backward pass.
 *
 * @param <W> the buffer-set type
 */
final class ShapeCache<W> {
    private static final int SHAPES_PER_PASS = 4;
    private final BiFunction<Integer, Integer, W> factory;
    private final Logger log;
    private final String what;
    private final Map<Long, W>[] byShape;
    private final Object[] current;
    private final long[] currentKey;

    // unchecked is safe: Java cannot create a generic array; the array is private and holds only Map<Long, W>
    @SuppressWarnings("unchecked")
    ShapeCache(BiFunction<Integer, Integer, W> factory, Logger log, String what) {
        this.factory = factory;
        this.log = log;
        this.what = what;
        this.byShape = new Map[Discriminator.MAX_PASSES];
        for (int p = 0; p < byShape.length; p++) {
            byShape[p] = new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, W> eldest) {
                    return size() > SHAPES_PER_PASS;
                }
            };
        }
        this.current = new Object[Discriminator.MAX_PASSES];
        this.currentKey = new long[Discriminator.MAX_PASSES];
    }

    /**
     * Validates the shape and returns the buffers of {@code pass} for it, making them the pass's current ones.
     *
     * @param pass the pass slot
     * @param rows input rows, {@code T*B}
     * @param batch {@code B}
     * @param minSteps the shortest allowed {@code T}
     * @return the buffers
     */
    W acquire(int pass, int rows, int batch, int minSteps) {
        checkPass(pass);
        if (batch <= 0 || rows <= 0 || rows % batch != 0) {
            throw new IllegalArgumentException(rows + " input rows are not a positive multiple of batch size " + batch);
        }
        int steps = rows / batch;
        if (steps < minSteps) {
            throw new IllegalArgumentException("sequence length " + steps + " is shorter than " + minSteps);
        }
        long key = ((long) batch << 32) | steps;
        if (current[pass] != null && currentKey[pass] == key) {
            // unchecked is safe: current[pass] only ever holds a W (set from byShape or the factory below)
            @SuppressWarnings("unchecked")
            W same = (W) current[pass];
            return same; // the common case: no map lookup, no boxing
        }
        W ws = byShape[pass].get(key);
        if (ws == null) {
            log.debug("allocating {} buffers for pass {}, B={}, T={}", what, pass, batch, steps);
            ws = factory.apply(batch, steps);
            byShape[pass].put(key, ws);
        }
        current[pass] = ws;
        currentKey[pass] = key;
        return ws;
    }

    /**
     * @param pass the pass slot
     * @return the buffers of the pass's most recent forward call
     * @throws IllegalStateException if the pass has not run forward
     */
    // unchecked is safe: current[pass] only ever holds a W (set by get)
    @SuppressWarnings("unchecked")
    W current(int pass) {
        checkPass(pass);
        Object ws = current[pass];
        if (ws == null) {
            throw new IllegalStateException("backward of pass " + pass + " before its forward");
        }
        return (W) ws;
    }

    private static void checkPass(int pass) {
        if (pass < 0 || pass >= Discriminator.MAX_PASSES) {
            throw new IllegalArgumentException("pass must be in [0, " + Discriminator.MAX_PASSES + "), got " + pass);
        }
    }
}
