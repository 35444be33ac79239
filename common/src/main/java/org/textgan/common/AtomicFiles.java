package org.textgan.common;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The one way textgan writes a file or publishes a directory: atomically and durably.
 *
 * <p>A file is written to a hidden temporary sibling, flushed to the storage device ({@code fsync}), renamed over the
 * destination in one atomic step, and then the parent directory is synced so that the rename itself survives a
 * power loss. A reader therefore sees either the old content or the complete new one, never a prefix, and a run that
 * was marked complete cannot turn out empty after a crash. A directory is published the same way by
 * {@link #publishDirectory(Path, Path)}: every file in it is synced before the rename.
 *
 * <p>Thread-safety: the methods are stateless; concurrent writers of the same destination each publish a complete
 * file, and the last rename wins.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream; used by {@link #write(Path, StreamWriter)}. */
    @FunctionalInterface
    public interface StreamWriter {
        /**
         * @param out the (buffered) stream of the temporary file; do not close it
         * @throws IOException on failure
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes bytes atomically and durably.
     *
     * @param file destination
     * @param bytes content
     * @throws IOException on failure (the temporary file is removed)
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /**
     * Writes UTF-8 text atomically and durably.
     *
     * @param file destination
     * @param text content
     * @throws IOException on failure
     */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a file atomically and durably from a stream writer.
     *
     * @param file destination (parent directories are created)
     * @param writer writes the content
     * @throws IOException on failure (the temporary file is removed, the destination is untouched)
     */
    public static void write(Path file, StreamWriter writer) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp);
                 BufferedOutputStream out = new BufferedOutputStream(os, 1 << 16)) {
                writer.writeTo(out);
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            syncFile(tmp);
            move(tmp, file, true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncDirectory(parent);
    }

    /**
     * Publishes a finished temporary directory under its final name: syncs every file and directory in it, renames it
     * atomically to {@code target} (which must not exist or be an empty directory) and syncs the parent.
     *
     * @param temp the finished directory, a sibling of {@code target}
     * @param target the final name
     * @throws IOException on failure, e.g. when {@code target} exists and is not empty
     */
    public static void publishDirectory(Path temp, Path target) throws IOException {
        syncTree(temp);
        if (Files.isDirectory(target)) {
            try (var s = Files.list(target)) {
                if (s.findAny().isEmpty()) {
                    Files.delete(target);
                }
            }
        }
        move(temp, target, false);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Renames atomically where the file system can, plainly otherwise (e.g. across file systems).
     *
     * @param from source
     * @param to destination
     * @param replace whether an existing destination file may be replaced
     * @throws IOException on failure
     */
    public static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        }
    }

    /**
     * Flushes a file's content to the storage device.
     *
     * @param file a regular file
     * @throws IOException on failure
     */
    public static void syncFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /**
     * Flushes a directory's entries (creations, renames) to the storage device where the platform allows it; a
     * no-op on platforms that cannot open a directory (Windows).
     *
     * @param dir a directory
     * @throws IOException on an I/O failure other than "directories cannot be opened here"
     */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // directories cannot be synced here; the rename is still atomic
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    /**
     * Syncs every regular file below {@code dir}, then every directory, deepest first.
     *
     * @param dir a directory tree about to be published
     * @throws IOException on failure
     */
    public static void syncTree(Path dir) throws IOException {
        java.util.List<Path> dirs;
        try (var s = Files.walk(dir)) {
            java.util.List<Path> all = s.toList();
            for (Path p : all) {
                if (Files.isRegularFile(p)) {
                    syncFile(p);
                }
            }
            dirs = all.stream().filter(Files::isDirectory).sorted(java.util.Comparator.reverseOrder()).toList();
        }
        for (Path d : dirs) {
            syncDirectory(d);
        }
    }
}
