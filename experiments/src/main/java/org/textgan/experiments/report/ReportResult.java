package org.textgan.experiments.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ReportWriter#write} produced.
 *
 * @param html the self-contained {@code report.html}
 * @param markdown {@code report.md}
 * @param figures the PNG files next to {@code report.md}
 * @param sectionsWithoutData titles of the sections that only say their data are missing
 */
public record ReportResult(Path html, Path markdown, List<Path> figures, List<String> sectionsWithoutData) {
    /** Copies the lists. */
    public ReportResult {
        figures = List.copyOf(figures);
        sectionsWithoutData = List.copyOf(sectionsWithoutData);
    }
}
