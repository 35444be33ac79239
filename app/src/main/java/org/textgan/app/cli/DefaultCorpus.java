package org.textgan.app.cli;

import org.textgan.common.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.textgan.data.prep.PrepareException;

/**
 * The built-in corpus: Charles Dickens, <i>The Old Curiosity Shop</i> (public domain), which the build unpacks from
 * the Maven Central artifact {@code org.apache.crunch:crunch-test} into the classpath as {@value #RESOURCE}.
 */
public final class DefaultCorpus {
    /** Classpath location of the text. */
    public static final String RESOURCE = "/corpus/dickens.txt";
    /** File name it is written to. */
    public static final String FILE_NAME = "the-old-curiosity-shop.txt";

    private DefaultCorpus() {
    }

    /**
     * Writes the corpus into {@code dir} (unless an identical copy is already there) and returns its path.
     *
     * @throws PrepareException if the resource is missing from the build
     */
    public static Path materialize(Path dir) throws IOException {
        byte[] bytes;
        try (InputStream in = DefaultCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new PrepareException("the built-in corpus " + RESOURCE
                        + " is missing from the classpath; rebuild with `mvn -B -DskipTests package`");
            }
            bytes = in.readAllBytes();
        }
        Files.createDirectories(dir);
        Path target = dir.resolve(FILE_NAME);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return target;
        }
        AtomicFiles.write(target, bytes);
        return target;
    }
}
