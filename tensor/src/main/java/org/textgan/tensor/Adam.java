package org.textgan.tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Adam optimiser (Kingma and Ba) over a {@link ParameterSet}, with bias correction. Its moment estimates and step
 * count are part of a checkpoint, so that a resumed run continues exactly where it stopped.
 */
public final class Adam {
    private final ParameterSet params;
    private final AdamConfig config;
    private final List<Mat> m;
    private final List<Mat> v;
    private long step;
    /** Elements per block of {@link #update}'s heap copies. */
    private static final int BLOCK = 4096;
    /** Heap copies of a block of the weights, the gradients and both moments. */
    private final double[] dw = new double[BLOCK];
    private final double[] dg = new double[BLOCK];
    private final double[] dm = new double[BLOCK];
    private final double[] dv = new double[BLOCK];

    /**
     * @param params the parameters to update
     * @param config hyper-parameters
     */
    public Adam(ParameterSet params, AdamConfig config) {
        this.params = params;
        this.config = config;
        this.m = params.list().stream().map(p -> Mat.zeros(p.value().precision(), p.value().rows(), p.value().cols()))
                .toList();
        this.v = params.list().stream().map(p -> Mat.zeros(p.value().precision(), p.value().rows(), p.value().cols()))
                .toList();
    }

    /** @return the hyper-parameters */
    public AdamConfig config() {
        return config;
    }

    /** @return the number of updates applied so far */
    public long step() {
        return step;
    }

    /** Applies one update from the current gradients (which it leaves untouched). */
    public void update() {
        step++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double c1 = 1 - Math.pow(b1, step);
        double c2 = 1 - Math.pow(b2, step);
        double lr = config.learningRate();
        double eps = config.epsilon();
        List<Parameter> list = params.list();
        for (int k = 0; k < list.size(); k++) {
            Mat w = list.get(k).value();
            Mat g = list.get(k).grad();
            Mat mk = m.get(k);
            Mat vk = v.get(k);
            int n = w.size();
            // block by block through heap copies (a get/set per element through the Mat interface cost about 50 ns a
            // parameter); the same double arithmetic per element, and the same roundings on the stores as set/add
            for (int from = 0; from < n; from += BLOCK) {
                int len = Math.min(BLOCK, n - from);
                w.readDoubles(from, dw, 0, len);
                g.readDoubles(from, dg, 0, len);
                mk.readDoubles(from, dm, 0, len);
                vk.readDoubles(from, dv, 0, len);
                for (int i = 0; i < len; i++) {
                    double gi = dg[i];
                    double mi = b1 * dm[i] + (1 - b1) * gi;
                    double vi = b2 * dv[i] + (1 - b2) * gi * gi;
                    dm[i] = mi;
                    dv[i] = vi;
                    dw[i] = dw[i] + -lr * (mi / c1) / (Math.sqrt(vi / c2) + eps);
                }
                mk.writeDoubles(from, dm, 0, len);
                vk.writeDoubles(from, dv, 0, len);
                w.writeDoubles(from, dw, 0, len);
            }
        }
    }

    /**
     * The step count and moments as one flat array ({@code [step, m..., v...]} in parameter order), for optimisers
     * whose state travels inside another object's state (e.g. a gradient estimator's control variate).
     *
     * @return a fresh array
     */
    public double[] flatState() {
        long n = params.count();
        double[] out = new double[(int) (1 + 2 * n)];
        out[0] = step;
        int o = 1;
        for (Mat mk : m) {
            for (int i = 0; i < mk.size(); i++) {
                out[o++] = mk.get(i);
            }
        }
        for (Mat vk : v) {
            for (int i = 0; i < vk.size(); i++) {
                out[o++] = vk.get(i);
            }
        }
        return out;
    }

    /**
     * Restores {@link #flatState()}.
     *
     * @param state the array
     * @throws IllegalArgumentException if its length does not fit these parameters
     */
    public void restoreFlatState(double[] state) {
        long n = params.count();
        if (state.length != 1 + 2 * n) {
            throw new IllegalArgumentException("Adam state of " + state.length + " numbers for " + n + " parameters");
        }
        step = Math.round(state[0]);
        int o = 1;
        for (Mat mk : m) {
            for (int i = 0; i < mk.size(); i++) {
                mk.set(i, state[o++]);
            }
        }
        for (Mat vk : v) {
            for (int i = 0; i < vk.size(); i++) {
                vk.set(i, state[o++]);
            }
        }
    }

    /**
     * Saves the moments and step count atomically.
     *
     * @param file destination
     * @throws IOException on failure
     */
    public void save(Path file) throws IOException {
        ParameterSet.writeTensors(file, state());
    }

    /**
     * Restores moments and step count saved by {@link #save(Path)}.
     *
     * @param file the state file
     * @throws IOException on failure or mismatch
     */
    public void load(Path file) throws IOException {
        Map<String, Mat> s = state();
        ParameterSet.readTensors(file, s);
        step = Math.round(s.get("adam.step").get(0));
    }

    private Map<String, Mat> state() {
        Map<String, Mat> s = new LinkedHashMap<>();
        Mat stepMat = Mat.zeros(Precision.FLOAT64, 1, 1);
        stepMat.set(0, step);
        s.put("adam.step", stepMat);
        List<Parameter> list = params.list();
        for (int k = 0; k < list.size(); k++) {
            s.put("adam.m." + list.get(k).name(), m.get(k));
            s.put("adam.v." + list.get(k).name(), v.get(k));
        }
        return s;
    }
}
