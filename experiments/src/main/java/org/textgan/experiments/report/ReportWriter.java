package org.textgan.experiments.report;

import org.textgan.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.textgan.experiments.report.ReportDocument.Block;
import org.textgan.experiments.report.ReportDocument.Figure;
import org.textgan.experiments.report.ReportDocument.Paragraph;
import org.textgan.experiments.report.ReportDocument.Section;

/**
 * Writes the sweep report: {@code report.html} (self-contained, figures as data URIs) and {@code report.md} with its
 * SVG figures, all atomically, into {@link ReportConfig#outDir()}. This is the API behind
 * {@code textgan report --sweep SWEEP_DIR [--out DIR]}.
 */
public final class ReportWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);
    /** The HTML file's name. */
    public static final String HTML = "report.html";
    /** The Markdown file's name. */
    public static final String MARKDOWN = "report.md";

    private final List<SectionBuilder> sections;

    /** A writer with the standard sections, in order. */
    public ReportWriter() {
        this(List.of(new SweepTableSection(), new LearningCurvesSection(), new ConvergenceSection(),
                new QualityDiversitySection(), new QualityDiversitySection(QualityDiversitySection.Plane.LM_SCORES),
                new GradientSection(), new StabilitySection(), new SamplesSection(), new ProvenanceSection(),
                new EstimatorsSection()));
    }

    /**
     * @param sections the section builders, in order
     */
    public ReportWriter(List<SectionBuilder> sections) {
        this.sections = List.copyOf(sections);
    }

    /**
     * Builds the report document without writing anything.
     *
     * @param config what to read
     * @return the document
     * @throws IOException if the sweep cannot be read
     */
    public ReportDocument build(ReportConfig config) throws IOException {
        SweepData data = SweepData.load(config.sweepDir());
        ReportContext ctx = new ReportContext(data, config);
        List<Section> built = new ArrayList<>();
        for (SectionBuilder b : sections) {
            Section s = b.build(ctx);
            LOG.info("Section '{}': {}", s.title(), s.hasData() ? "built" : "no data");
            built.add(s);
        }
        Set<String> estimators = new TreeSet<>();
        data.runs().forEach(r -> estimators.add(r.key().estimator()));
        List<Block> intro = new ArrayList<>();
        Set<String> varied = new TreeSet<>();
        data.runs().forEach(r -> varied.addAll(r.key().options().keySet()));
        intro.add(new Paragraph("Discrete text GANs with a character-level LSTM generator, trained adversarially "
                + "from a pretrained (MLE) model and compared with it. Generated from `"
                + config.sweepDir().toAbsolutePath().normalize() + "/results.csv` (" + data.runs().size()
                + " runs; estimators: " + String.join(", ", estimators)
                + (varied.isEmpty() ? "" : "; also varied: " + String.join(", ", varied))
                + "); every number and sentence below is computed from the sweep's files."));
        List<Section> summarised = built.stream().filter(s -> !s.summary().isEmpty()).toList();
        if (!summarised.isEmpty()) {
            intro.add(new ReportDocument.Heading("Summary"));
            for (Section s : summarised) {
                intro.add(new Paragraph(s.title() + ": " + s.summary()));
            }
        }
        return new ReportDocument("textgan sweep report", intro, built);
    }

    /**
     * Builds and writes the report.
     *
     * @param config what to read and where to write
     * @return the written files
     * @throws IOException if the sweep cannot be read or a file cannot be written
     */
    public ReportResult write(ReportConfig config) throws IOException {
        ReportDocument doc = build(config);
        Path out = config.outDir();
        Files.createDirectories(out);
        List<Path> figures = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Section s : doc.sections()) {
            for (Block b : s.blocks()) {
                if (b instanceof Figure f) {
                    if (!names.add(f.fileName())) {
                        throw new IllegalStateException("duplicate figure name " + f.fileName());
                    }
                    Path p = out.resolve(f.fileName());
                    AtomicFiles.write(p, f.svg());
                    figures.add(p);
                }
            }
        }
        Path md = out.resolve(MARKDOWN);
        AtomicFiles.write(md, new MarkdownRenderer().render(doc));
        Path html = out.resolve(HTML);
        AtomicFiles.write(html, new HtmlRenderer().render(doc));
        List<String> noData = doc.sections().stream().filter(s -> !s.hasData()).map(Section::title).toList();
        LOG.info("Wrote {} and {} ({} figures); sections without data: {}", html, md, figures.size(), noData);
        return new ReportResult(html, md, figures, noData);
    }
}
