package org.textgan.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The README's example of loading an exported generator in DL4J/SameDiff and sampling text with it, verbatim
 * between the markers (ReadmeExampleTest runs it). It uses nothing of textgan: only ND4J, SameDiff and Jackson.
 */
final class ReadmeExample {
    private ReadmeExample() {
    }

    // README-BEGIN
    static String sample(File export, long seed) throws IOException {
        JsonNode cfg = new ObjectMapper().readTree(new File(export, "generator.json"));
        JsonNode chars = new ObjectMapper().readTree(new File(export, "vocab.json")).get("characters");
        int v = cfg.get("vocab_size").asInt(), h = cfg.get("hidden_size").asInt(), layers = cfg.get("layers").asInt();
        DataType type = cfg.get("precision").asText().equals("FLOAT64") ? DataType.DOUBLE : DataType.FLOAT;

        SameDiff sd = SameDiff.load(new File(export, "generator.sd"), false);   // the one line
        Map<String, INDArray> in = new HashMap<>();
        in.put("input", Nd4j.zeros(type, 1, v).putScalar(0, 1, 1.0));        // id 1 is BOS
        for (int l = 0; l < layers; l++) {
            in.put("h" + l, Nd4j.zeros(type, 1, h));
            in.put("c" + l, Nd4j.zeros(type, 1, h));
        }
        String[] outputs = new String[1 + 2 * layers];                       // logits, h0_next, c0_next, ...
        outputs[0] = "logits";
        for (int l = 0; l < layers; l++) {
            outputs[1 + 2 * l] = "h" + l + "_next";
            outputs[2 + 2 * l] = "c" + l + "_next";
        }
        Nd4j.getRandom().setSeed(seed);
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < cfg.get("max_length").asInt(); t++) {
            Map<String, INDArray> out = sd.output(in, outputs);
            INDArray u = Nd4j.rand(type, 1, v);                                   // Gumbel-Max sampling:
            INDArray gumbel = Transforms.log(Transforms.log(u).neg()).neg();      // argmax(logits - log(-log u))
            int id = out.get("logits").add(gumbel).argMax(1).getInt(0);
            if (id == 2) {                                                        // id 2 is EOS
                break;
            }
            text.append(id >= 4 ? chars.get(id - 4).asText() : "\uFFFD");       // ids 4.. are the characters
            in.put("input", Nd4j.zeros(type, 1, v).putScalar(0, id, 1.0));
            for (int l = 0; l < layers; l++) {
                in.put("h" + l, out.get("h" + l + "_next"));
                in.put("c" + l, out.get("c" + l + "_next"));
            }
        }
        return text.toString();
    }
    // README-END
}
