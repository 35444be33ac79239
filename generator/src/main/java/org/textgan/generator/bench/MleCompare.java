package org.textgan.generator.bench;

import org.textgan.common.Json;
import org.textgan.common.MainArgs;
import org.textgan.common.TokenIds;
import org.textgan.common.Split;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.PretrainConfig;
import org.textgan.generator.lstm.PretrainMetrics;
import org.textgan.generator.lstm.PretrainProgress;
import org.textgan.generator.lstm.Pretrainer;
import org.textgan.generator.lstm.TokenSequences;
import org.textgan.tensor.Precision;

/**
 * Hand-run training-correctness comparison with PyTorch: encodes English text files (sentences split at
 * {@code . ; :}, a char vocabulary, every 10th sentence for validation), trains our float32 generator with
 * {@link Pretrainer} and the PyTorch peer ({@code tools/peer/generator_mle_compare.py}) with the same model, init
 * distribution (each side seeded with {@code --seed}), hyper-parameters, data and per-step batches, and prints both validation curves in bits per character.
 *
 * <p>Usage: {@code MleCompare [--out DIR] [--steps 1000] [--hidden 128] [--batch 64] [--max-len 64] [--lr 2e-3]
 * [--seed 1] [--python /usr/bin/python3] [--peer tools/peer/generator_mle_compare.py] [TEXT_FILE...]} (default text: the files
 * of {@code /usr/share/common-licenses}).
 */
public final class MleCompare {
    private MleCompare() {
    }

    /**
     * One validation point of both runs.
     *
     * @param step optimiser step
     * @param oursBpc our validation bits per character
     * @param torchBpc PyTorch's
     */
    public record Point(long step, double oursBpc, double torchBpc) {
        /** @return (ours - torch) / torch */
        public double relativeDifference() {
            return (oursBpc - torchBpc) / torchBpc;
        }
    }

    /**
     * Encodes text files into a dataset (sentences, char vocabulary, every 10th sentence to validation).
     *
     * @param files text files
     * @param maxChars sequences are cut to this many characters
     * @return the dataset
     * @throws IOException on a read failure
     */
    public static TokenSequences encode(List<Path> files, int maxChars) throws IOException {
        List<String> sentences = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            for (String s : text.split("(?<=[.;:])\\s")) {
                String t = s.trim();
                if (t.length() >= 10) {
                    sentences.add(t.substring(0, Math.min(maxChars, t.length())));
                }
            }
        }
        TreeSet<Integer> chars = new TreeSet<>();
        sentences.forEach(s -> s.chars().forEach(chars::add));
        List<Integer> alphabet = new ArrayList<>(chars);
        Map<Integer, Integer> id = new LinkedHashMap<>();
        for (int i = 0; i < alphabet.size(); i++) {
            id.put(alphabet.get(i), TokenIds.FIRST_SYMBOL + i);
        }
        List<int[]> train = new ArrayList<>();
        List<int[]> valid = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            int[] ids = sentences.get(i).chars().map(id::get).toArray();
            (i % 10 == 0 ? valid : train).add(ids);
        }
        return TokenSequences.of(TokenIds.FIRST_SYMBOL + alphabet.size(), train, valid, List.of());
    }

    /**
     * Command-line entry point.
     *
     * @param args see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        MainArgs a = MainArgs.parse(args, List.of("--out", "--steps", "--hidden", "--batch", "--max-len", "--lr",
                "--seed", "--python", "--peer"), List.of(), true);
        Path out = a.path("--out", Path.of("target/mle-compare"));
        long steps = a.longValue("--steps", 1000);
        int hidden = a.intValue("--hidden", 128);
        int batch = a.intValue("--batch", 64);
        int maxLen = a.intValue("--max-len", 64);
        double lr = a.doubleValue("--lr", 2e-3);
        long initSeed = a.longValue("--seed", 1);
        Path python = a.path("--python", Path.of("/usr/bin/python3"));
        Path peer = a.path("--peer", Path.of("tools/peer/generator_mle_compare.py"));
        List<Path> files = a.positional().stream().map(Path::of).toList();
        if (files.isEmpty()) {
            try (Stream<Path> s = Files.list(Path.of("/usr/share/common-licenses"))) {
                files = s.filter(Files::isRegularFile).filter(p -> !Files.isSymbolicLink(p)).sorted().toList();
            }
        }
        List<Point> points = run(files, out, steps, hidden, batch, maxLen, lr, initSeed, python, peer);
        print(points, System.out);
    }

    static List<Point> run(List<Path> files, Path out, long steps, int hidden, int batch, int maxLen, double lr,
                           long initSeed, Path python, Path peer) throws IOException, InterruptedException {
        TokenSequences data = encode(files, maxLen - 1);
        long evalEvery = Math.max(1, steps / 5);
        long seed = 1;
        double initScale = 0.1;
        Files.createDirectories(out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("vocab_size", data.vocabSize());
        json.put("embedding", GeneratorConfig.DEFAULT_EMBEDDING);
        json.put("hidden", hidden);
        json.put("max_len", maxLen);
        json.put("batch", batch);
        json.put("learning_rate", lr);
        json.put("clip_norm", 5.0);
        json.put("init_scale", initScale);
        json.put("eval_every", evalEvery);
        json.put("train", data.sequences(Split.TRAIN));
        json.put("valid", data.sequences(Split.VALID));
        List<int[]> batches = new ArrayList<>();
        int trainSize = data.sequences(Split.TRAIN).size();
        for (long s = 1; s <= steps; s++) {
            batches.add(Pretrainer.batchIndices(seed, s, batch, trainSize));
        }
        json.put("batches", batches);
        Path dataFile = out.resolve("data.json");
        ObjectMapper om = Json.compact();
        om.writeValue(dataFile.toFile(), json);

        GeneratorConfig gc = new GeneratorConfig(data.vocabSize(), GeneratorConfig.DEFAULT_EMBEDDING, hidden, 1, maxLen,
                initSeed, Precision.FLOAT32, initScale);
        Path runDir = out.resolve("ours");
        if (Files.exists(runDir.resolve(Pretrainer.CHECKPOINTS_DIR))) {
            throw new IOException(runDir + " holds an earlier run; remove it first");
        }
        List<PretrainMetrics> ours = new ArrayList<>();
        long t0 = System.nanoTime();
        new Pretrainer(new CharLstmGenerator(gc), data,
                new PretrainConfig(steps, batch, lr, 5.0, evalEvery, steps, seed, 0), runDir)
                .run(new PretrainProgress() {
                    @Override
                    public void onEval(PretrainMetrics m) {
                        ours.add(m);
                    }
                });
        double oursSeconds = (System.nanoTime() - t0) / 1e9;

        ProcessBuilder pb = new ProcessBuilder(python.toString(), peer.toString(), "--data", dataFile.toString(),
                "--seed", Long.toString(initSeed))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", "1");
        long t1 = System.nanoTime();
        Process p = pb.start();
        Map<Long, Double> torch = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = om.readTree(line);
                torch.put(n.get("step").asLong(), n.get("valid_bpc").asDouble());
            }
        }
        if (p.waitFor() != 0) {
            throw new IOException("the PyTorch peer failed with exit code " + p.exitValue());
        }
        double torchSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "train %d sequences, valid %d, V=%d, H=%d, B=%d, T=%d, lr=%g, %d steps; "
                        + "wall: ours %.1f s, torch %.1f s%n", trainSize,
                data.sequences(Split.VALID).size(), data.vocabSize(), hidden, batch, maxLen, lr, steps,
                oursSeconds, torchSeconds);
        List<Point> points = new ArrayList<>();
        for (PretrainMetrics m : ours) {
            points.add(new Point(m.step(), m.validBpc(), torch.getOrDefault(m.step(), Double.NaN)));
        }
        return points;
    }

    static void print(List<Point> points, PrintStream out) {
        out.printf(Locale.ROOT, "%8s %12s %12s %10s%n", "step", "ours bpc", "torch bpc", "rel diff");
        for (Point p : points) {
            out.printf(Locale.ROOT, "%8d %12.4f %12.4f %9.2f%%%n", p.step(), p.oursBpc(), p.torchBpc(),
                    100 * p.relativeDifference());
        }
    }
}
