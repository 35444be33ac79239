package org.textgan.data.prep;

import org.textgan.common.FileTrees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.textgan.data.Manifest;
import org.textgan.common.progress.ProgressListener;

/**
 * The preparation pipeline: check the output directory, read the inputs, process paragraphs with an engine,
 * assemble and write the dataset into a temporary directory, then rename it into place.
 */
public final class Preparer {
    private static final Logger LOG = LoggerFactory.getLogger(Preparer.class);

    private final ParagraphEngine engine;
    private final ProgressListener progress;

    /**
     * @param engine   runs the sentence processor (local or Spark)
     * @param progress receives progress
     */
    public Preparer(ParagraphEngine engine, ProgressListener progress) {
        this.engine = engine;
        this.progress = progress;
    }

    /** A local, single-threaded preparer without progress output. */
    public static Preparer local() {
        return new Preparer(new LocalEngine(), ProgressListener.NONE);
    }

    /**
     * Runs the preparation.
     *
     * @throws PrepareException with a one-line reason on bad input or an output directory that may not be written
     */
    public PrepareResult prepare(PrepareOptions options) {
        OutputDirectory out = new OutputDirectory(options.out(), options.force(), "--out");
        out.check();
        long t0 = System.nanoTime();
        ReadCorpus read = new CorpusReader(options.onBadInput(), options.paragraphs(), progress).read(options.inputs(), out.target());
        long t1 = System.nanoTime();
        LOG.info("read {} file(s), {} lines, {} paragraphs", read.files().read(), read.lines().read(), read.paragraphs().size());
        List<ParagraphResult> results = engine.process(read.paragraphs(), options.processorOptions(), progress);
        if (results.size() != read.paragraphs().size()) {
            throw new IllegalStateException("engine " + engine.describe() + " returned " + results.size() + " results for "
                    + read.paragraphs().size() + " paragraphs");
        }
        long t2 = System.nanoTime();
        Path temp = null;
        try {
            temp = out.createTemp();
            Manifest manifest = new DatasetAssembler().write(temp, options, read, results);
            out.commit(temp);
            long t3 = System.nanoTime();
            LOG.info("wrote dataset {} ({} sequences) with {}", out.target(), manifest.sentences().kept(), engine.describe());
            return new PrepareResult(out.target(), manifest, engine.describe(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        } catch (IOException e) {
            throw new PrepareException("--out " + out.target() + ": cannot write the dataset: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    FileTrees.deleteRecursively(temp);
                } catch (IOException e) {
                    LOG.warn("could not remove temporary directory {}: {}", temp, e.toString());
                }
            }
        }
    }
}
