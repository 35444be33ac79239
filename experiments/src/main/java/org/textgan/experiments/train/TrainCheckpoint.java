package org.textgan.experiments.train;

import org.textgan.common.Json;
import org.textgan.common.AtomicFiles;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.textgan.common.JsonFiles;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.tensor.Adam;
import org.textgan.tensor.ParameterSet;

/**
 * The checkpoints of an adversarial run: {@code checkpoints/step-NNNNNNNN/} holds both models' parameters, both
 * optimisers' state and {@code trainer.json} (step, training seconds, the estimator's own state). A checkpoint folder
 * is written under a temporary name and renamed, so a folder with the final name is complete; {@code latest.json}
 * names the newest. The three newest are kept.
 */
final class TrainCheckpoint {
    private static final ObjectMapper JSON = Json.compact();
    private static final String LATEST = "latest.json";
    private static final int KEEP = 3;

    /**
     * The scalar state of a checkpoint.
     *
     * @param step the last finished generator step
     * @param wallTime training seconds up to that step
     * @param updateState the generator estimator's own state
     * @param skippedUpdates updates skipped for non-finite values up to that step
     */
    record State(@JsonProperty("step") long step, @JsonProperty("wall_time") double wallTime,
                 @JsonProperty("update_state") double[] updateState,
                 @JsonProperty("skipped_updates") long skippedUpdates) {
    }

    private record Latest(@JsonProperty("dir") String dir) {
    }

    private TrainCheckpoint() {
    }

    static void save(Path checkpoints, State state, ParameterSet generator, ParameterSet discriminator, Adam gAdam,
                     Adam dAdam) throws IOException {
        requireFinite(generator, "generator", state.step());
        requireFinite(discriminator, "discriminator", state.step());
        for (double v : state.updateState()) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException("step " + state.step() + ": the estimator's state is not finite; "
                        + "no checkpoint written");
            }
        }
        String name = String.format("step-%08d", state.step());
        Path tmp = Files.createTempDirectory(checkpoints, ".tmp-" + name);
        generator.save(tmp.resolve("generator.params"));
        discriminator.save(tmp.resolve("discriminator.params"));
        gAdam.save(tmp.resolve("adam-generator.state"));
        dAdam.save(tmp.resolve("adam-discriminator.state"));
        AtomicFiles.write(tmp.resolve("trainer.json"), JSON.writeValueAsString(state));
        Path dir = checkpoints.resolve(name);
        RunDirectory.deleteTree(dir);
        AtomicFiles.publishDirectory(tmp, dir);
        AtomicFiles.write(checkpoints.resolve(LATEST), JSON.writeValueAsString(new Latest(name)));
        prune(checkpoints);
    }

    static Optional<State> loadLatest(Path checkpoints, ParameterSet generator, ParameterSet discriminator, Adam gAdam,
                                      Adam dAdam) throws IOException {
        Optional<Path> found = latestDir(checkpoints);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Path dir = found.get();
        generator.load(dir.resolve("generator.params"));
        discriminator.load(dir.resolve("discriminator.params"));
        gAdam.load(dir.resolve("adam-generator.state"));
        dAdam.load(dir.resolve("adam-discriminator.state"));
        return Optional.of(JsonFiles.read(JSON, dir.resolve("trainer.json"), State.class, "checkpoint state"));
    }

    /** @return the newest checkpoint folder, if any */
    static Optional<Path> latestDir(Path checkpoints) throws IOException {
        Path latest = checkpoints.resolve(LATEST);
        if (!Files.exists(latest)) {
            return Optional.empty();
        }
        String name = JsonFiles.read(JSON, latest, Latest.class, "checkpoint pointer").dir();
        Path dir = checkpoints.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new IOException(latest + ": names checkpoint " + name + ", which does not exist (" + dir + ")");
        }
        return Optional.of(dir);
    }

    /**
     * @param checkpoints a checkpoint folder's parent
     * @param discriminator receives the newest checkpoint's discriminator parameters
     * @return whether there was a checkpoint
     * @throws IOException on a read failure
     */
    static boolean loadLatestDiscriminator(Path checkpoints, ParameterSet discriminator) throws IOException {
        Optional<Path> dir = latestDir(checkpoints);
        if (dir.isPresent()) {
            discriminator.load(dir.get().resolve("discriminator.params"));
        }
        return dir.isPresent();
    }

    private static void requireFinite(ParameterSet ps, String what, long step) {
        for (var p : ps.list()) {
            for (int i = 0; i < p.value().size(); i++) {
                if (!Double.isFinite(p.value().get(i))) {
                    throw new IllegalStateException("step " + step + ": the " + what + "'s parameter " + p.name()
                            + " is not finite; no checkpoint written");
                }
            }
        }
    }

    private static void prune(Path checkpoints) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(checkpoints)) {
            s.filter(p -> Files.isDirectory(p)).forEach(p -> {
                String n = p.getFileName().toString();
                if (n.startsWith("step-")) {
                    dirs.add(p);
                } else if (n.startsWith(".tmp-")) {
                    try {
                        RunDirectory.deleteTree(p);
                    } catch (IOException e) {
                        // a stale temporary folder is harmless; the next checkpoint tries again
                    }
                }
            });
        }
        dirs.sort(null);
        for (int i = 0; i < dirs.size() - KEEP; i++) {
            RunDirectory.deleteTree(dirs.get(i));
        }
    }
}
