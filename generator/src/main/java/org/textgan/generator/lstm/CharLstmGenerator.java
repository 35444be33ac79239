package org.textgan.generator.lstm;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.textgan.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.textgan.tensor.ParameterSet;

/**
 * The char-level LSTM generator: its parameters and factories for the passes that run on them. Each pass owns its
 * preallocated buffers for one batch size; create passes once and reuse them.
 *
 * <p>A saved generator is a directory with {@value #CONFIG_FILE} (the {@link GeneratorConfig} as JSON) and
 * {@value #PARAMS_FILE} ({@link ParameterSet#save binary tensors}), both written atomically.
 */
public final class CharLstmGenerator {
    /** The config file name inside a saved generator directory. */
    public static final String CONFIG_FILE = "generator.json";
    /** The parameter file name inside a saved generator directory. */
    public static final String PARAMS_FILE = "generator.params";

    private final LstmParams params;

    /**
     * Creates a generator with freshly initialised parameters (a function of the config and its seed only).
     *
     * @param config the config
     */
    public CharLstmGenerator(GeneratorConfig config) {
        this.params = new LstmParams(config);
    }

    /**
     * @return whether the float32 kernels run on the JDK Vector API (SIMD); false means the JVM lacks
     *         {@code --add-modules jdk.incubator.vector} (or {@code -Dtextgan.vector=false}) and the scalar kernels run,
     *         with the same results to float rounding but several times slower element-wise work
     */
    public static boolean simdEnabled() {
        return FloatCell.VECTOR;
    }

    /** @return the config */
    public GeneratorConfig config() {
        return params.config();
    }

    /** @return the parameters, as named tensors */
    public LstmParams params() {
        return params;
    }

    /** @return all parameters, in checkpoint order */
    public ParameterSet parameters() {
        return params.set();
    }

    /**
     * @param batch B
     * @return a teacher-forced pass (MLE, REINFORCE log-probabilities) for batches of B sequences of length T
     */
    public TeacherForcedPass teacherForced(int batch) {
        return new TeacherForcedPass(params, batch);
    }

    /**
     * @param batch B
     * @return a free-running Gumbel-Softmax rollout of B sequences of length T
     */
    public Rollout rollout(int batch) {
        return new Rollout(params, batch);
    }

    /**
     * @param batch B
     * @return a Gumbel-Max sampler of B sequences side by side
     */
    public Sampler sampler(int batch) {
        return new Sampler(params, batch);
    }

    /**
     * Saves config and parameters into a directory (created if needed).
     *
     * @param dir the directory
     * @throws IOException on failure
     */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeJsonAtomically(dir.resolve(CONFIG_FILE), config());
        params.set().save(dir.resolve(PARAMS_FILE));
    }

    /**
     * Loads a generator saved by {@link #save(Path)}.
     *
     * @param dir the directory
     * @return the generator
     * @throws IOException on failure or mismatch
     */
    public static CharLstmGenerator load(Path dir) throws IOException {
        GeneratorConfig cfg = JSON.readValue(dir.resolve(CONFIG_FILE).toFile(), GeneratorConfig.class);
        CharLstmGenerator g = new CharLstmGenerator(cfg);
        g.params.set().load(dir.resolve(PARAMS_FILE));
        return g;
    }

    static void writeJsonAtomically(Path file, Object value) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsString(value) + "\n");
    }

    /** textgan's JSON conventions (snake_case keys); {@link GeneratorConfig} also reads the camelCase of old runs. */
    private static final ObjectMapper JSON = org.textgan.common.Json.mapper();
}
