package org.textgan.experiments.report;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ReportWriter} reads and writes.
 *
 * @param sweepDir the sweep directory ({@code results.csv}, {@code runs/})
 * @param outDir where {@code report.html}, {@code report.md} and the SVG figures go
 * @param sampleLines how many lines of each run's {@code samples.txt} to show
 * @param maxSeries the most series per chart (configurations beyond it are left out, and the text says so)
 * @param bleuOrder the n of BLEU-n / Self-BLEU-n in the quality-diversity plot (2..5)
 * @param collapse when a run counts as collapsed
 */
public record ReportConfig(Path sweepDir, Path outDir, int sampleLines, int maxSeries, int bleuOrder,
                           CollapseCriteria collapse) {

    /** Validates the values. */
    public ReportConfig {
        Objects.requireNonNull(sweepDir, "sweepDir");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(collapse, "collapse");
        if (sampleLines < 1 || maxSeries < 1 || bleuOrder < 2 || bleuOrder > 5) {
            throw new IllegalArgumentException("sampleLines >= 1, maxSeries >= 1, 2 <= bleuOrder <= 5");
        }
    }

    /**
     * The defaults: output to {@code SWEEP_DIR/report}, 5 sample lines, 12 series, BLEU-4, the default collapse
     * criteria ({@link CollapseCriteria#defaults()}).
     *
     * @param sweepDir the sweep directory
     * @return the configuration
     */
    public static ReportConfig of(Path sweepDir) {
        return new ReportConfig(sweepDir, sweepDir.resolve("report"), 5, 12, 4, CollapseCriteria.defaults());
    }

    /**
     * @param dir another output directory
     * @return this configuration writing to {@code dir}
     */
    public ReportConfig withOutDir(Path dir) {
        return new ReportConfig(sweepDir, dir, sampleLines, maxSeries, bleuOrder, collapse);
    }
}
