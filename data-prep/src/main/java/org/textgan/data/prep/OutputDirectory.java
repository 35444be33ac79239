package org.textgan.data.prep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.textgan.common.AtomicFiles;
import org.textgan.common.FileTrees;

/**
 * Atomic creation of an output directory: write everything into a hidden temporary sibling, then rename it into
 * place. An existing non-empty directory is replaced only with {@code force}; an interrupted run leaves at most a
 * hidden {@code .NAME.tmp-*} sibling, never a half-written directory under the real name.
 */
public final class OutputDirectory {
    private final Path target;
    private final boolean force;
    private final String option;

    /**
     * @param target the directory to create
     * @param force  whether an existing non-empty directory may be replaced
     * @param option the command-line option naming it, for messages (e.g. {@code --out})
     */
    public OutputDirectory(Path target, boolean force, String option) {
        this.target = target.toAbsolutePath().normalize();
        this.force = force;
        this.option = option;
    }

    /** @return the absolute target directory */
    public Path target() {
        return target;
    }

    /**
     * Fails fast if the target may not be written.
     *
     * @throws PrepareException naming the option and what to do
     */
    public void check() {
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new PrepareException(option + " " + target + ": exists and is not a directory; choose another path");
            }
            if (!isEmpty(target) && !force) {
                throw new PrepareException(option + " " + target
                        + ": directory exists and is not empty; pass --force to replace it or choose another path");
            }
        }
    }

    /** Creates the hidden temporary sibling to write into. */
    public Path createTemp() throws IOException {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
    }

    /** Moves the finished temporary directory into place, replacing an existing target if allowed. */
    public void commit(Path temp) throws IOException {
        check();
        AtomicFiles.syncTree(temp);
        if (Files.exists(target)) {
            if (isEmpty(target)) {
                Files.delete(target);
            } else {
                Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
                Files.delete(old);
                move(target, old);
                move(temp, target);
                FileTrees.deleteRecursively(old);
                return;
            }
        }
        move(temp, target);
    }

    private static void move(Path from, Path to) throws IOException {
        AtomicFiles.move(from, to, false);
        AtomicFiles.syncDirectory(to.toAbsolutePath().getParent());
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
