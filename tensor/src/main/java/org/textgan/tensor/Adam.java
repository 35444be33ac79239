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
            for (int i = 0; i < n; i++) {
                double gi = g.get(i);
                double mi = b1 * mk.get(i) + (1 - b1) * gi;
                double vi = b2 * vk.get(i) + (1 - b2) * gi * gi;
                mk.set(i, mi);
                vk.set(i, vi);
                w.add(i, -lr * (mi / c1) / (Math.sqrt(vi / c2) + eps));
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
