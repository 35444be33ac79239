package org.textgan.generator.lstm;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;

/**
 * The parameters of the char-LSTM: embedding {@code emb [V, E]}; per layer {@code l} an input weight
 * {@code l<l>.wx [in, 4H]} ({@code in} = E for the first layer, H above), a recurrent weight {@code l<l>.wh [H, 4H]}
 * and a bias {@code l<l>.b [1, 4H]}; the output projection {@code out.w [H, V]} and {@code out.b [1, V]}. Gate
 * columns are ordered input, forget, cell, output (as PyTorch's), each H wide.
 */
public final class LstmParams {
    private final GeneratorConfig config;
    private final Parameter emb;
    private final Parameter[] wx;
    private final Parameter[] wh;
    private final Parameter[] bias;
    private final Parameter outW;
    private final Parameter outB;
    private final ParameterSet set;

    /**
     * Allocates and initialises the parameters from {@code config.seed()}: every tensor, in the order of
     * {@link #set()}, row-major, uniform in {@code [-initScale, initScale]}; biases 0 except forget-gate biases 1.
     *
     * @param config the shape
     */
    public LstmParams(GeneratorConfig config) {
        this.config = config;
        var p = config.precision();
        int v = config.vocabSize();
        int e = config.embeddingDim();
        int h = config.hiddenSize();
        int layers = config.layers();
        List<Parameter> all = new ArrayList<>();
        emb = Parameter.zeros("emb", p, v, e);
        all.add(emb);
        wx = new Parameter[layers];
        wh = new Parameter[layers];
        bias = new Parameter[layers];
        for (int l = 0; l < layers; l++) {
            wx[l] = Parameter.zeros("l" + l + ".wx", p, l == 0 ? e : h, 4 * h);
            wh[l] = Parameter.zeros("l" + l + ".wh", p, h, 4 * h);
            bias[l] = Parameter.zeros("l" + l + ".b", p, 1, 4 * h);
            all.add(wx[l]);
            all.add(wh[l]);
            all.add(bias[l]);
        }
        outW = Parameter.zeros("out.w", p, h, v);
        outB = Parameter.zeros("out.b", p, 1, v);
        all.add(outW);
        all.add(outB);
        set = new ParameterSet(all);
        initialise(new SplittableRandom(config.seed()));
    }

    private void initialise(SplittableRandom rng) {
        double s = config.initScale();
        int h = config.hiddenSize();
        for (Parameter p : set.list()) {
            Mat m = p.value();
            boolean isBias = p.name().endsWith(".b");
            for (int i = 0; i < m.size(); i++) {
                double u = rng.nextDouble(-s, s);
                if (!isBias) {
                    m.set(i, u);
                }
            }
        }
        for (Parameter b : bias) {
            for (int j = h; j < 2 * h; j++) {
                b.value().set(j, 1.0);
            }
        }
    }

    /** @return the config */
    public GeneratorConfig config() {
        return config;
    }

    /** @return all parameters, in checkpoint order */
    public ParameterSet set() {
        return set;
    }

    /** @return the embedding {@code [V, E]} */
    public Parameter emb() {
        return emb;
    }

    /**
     * @param l layer
     * @return its input weight {@code [in, 4H]}
     */
    public Parameter wx(int l) {
        return wx[l];
    }

    /**
     * @param l layer
     * @return its recurrent weight {@code [H, 4H]}
     */
    public Parameter wh(int l) {
        return wh[l];
    }

    /**
     * @param l layer
     * @return its bias {@code [1, 4H]}
     */
    public Parameter bias(int l) {
        return bias[l];
    }

    /** @return the output weight {@code [H, V]} */
    public Parameter outW() {
        return outW;
    }

    /** @return the output bias {@code [1, V]} */
    public Parameter outB() {
        return outB;
    }
}
