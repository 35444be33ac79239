package org.textgan.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.textgan.experiments.report.ReportDocument.Block;
import org.textgan.experiments.report.ReportDocument.Cell;
import org.textgan.experiments.report.ReportDocument.Heading;
import org.textgan.experiments.report.ReportDocument.Paragraph;
import org.textgan.experiments.report.ReportDocument.Preformatted;
import org.textgan.experiments.report.ReportDocument.Section;
import org.textgan.experiments.report.ReportDocument.Table;

/**
 * Section 7: provenance: the {@code provenance} objects of the runs' {@code config.json} (git commit, versions, JVM,
 * host), the seeds, the options of {@code results.csv} that are constant or varied across the sweep, and
 * {@code sweep.yaml}.
 */
public final class ProvenanceSection implements SectionBuilder {
    /** Anchor id. */
    public static final String ID = "provenance";
    /** Heading. */
    public static final String TITLE = "Provenance";
    private static final int MAX_YAML_LINES = 200;
    private static final int MAX_VALUES = 6;

    @Override
    public Section build(ReportContext ctx) throws IOException {
        SweepData data = ctx.data();
        List<Block> blocks = new ArrayList<>();
        TreeSet<String> seeds = new TreeSet<>((a, b) -> {
            try {
                return Long.compare(Long.parseLong(a), Long.parseLong(b));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        });
        data.runs().forEach(r -> {
            if (!r.seed().isEmpty()) {
                seeds.add(r.seed());
            }
        });
        blocks.add(new Paragraph("Sweep directory `" + data.dir().toAbsolutePath().normalize() + "`: "
                + data.runs().size() + " rows in results.csv; seeds: "
                + (seeds.isEmpty() ? "none recorded" : String.join(", ", seeds)) + "."));

        Map<String, TreeMap<String, Integer>> prov = new TreeMap<>();
        int withConfig = 0;
        for (SweepRun r : data.runs()) {
            Optional<Path> cfg = data.runDir(r).map(d -> d.resolve("config.json")).filter(Files::isRegularFile);
            if (cfg.isEmpty()) {
                continue;
            }
            JsonNode p;
            try {
                p = ctx.json().readTree(cfg.get().toFile()).path("provenance");
            } catch (IOException e) {
                continue;
            }
            withConfig++;
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String v = e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
                prov.computeIfAbsent(e.getKey(), x -> new TreeMap<>()).merge(v, 1, Integer::sum);
            }
        }
        blocks.add(new Heading("Code and environment (from the runs' config.json)"));
        if (prov.isEmpty()) {
            blocks.add(new Paragraph("No run directory has a `config.json` with a `provenance` object."));
        } else {
            List<List<Cell>> rows = new ArrayList<>();
            for (Map.Entry<String, TreeMap<String, Integer>> e : prov.entrySet()) {
                List<String> vals = new ArrayList<>();
                e.getValue().forEach((v, c) -> vals.add(v + (e.getValue().size() > 1 ? " (" + c + " runs)" : "")));
                String shown = String.join("; ", vals.subList(0, Math.min(MAX_VALUES, vals.size())))
                        + (vals.size() > MAX_VALUES ? "; \u2026 " + (vals.size() - MAX_VALUES) + " more" : "");
                rows.add(List.of(Cell.of(e.getKey()), Cell.of(shown)));
            }
            blocks.add(new Table(List.of("field", "value(s)"), rows, "From " + withConfig + " of "
                    + data.runs().size() + " runs' config.json."));
        }

        blocks.add(new Heading("Options (columns of results.csv before the metrics)"));
        int firstMetric = firstMetricColumn(data.columns());
        List<List<Cell>> constant = new ArrayList<>();
        List<String> varied = new ArrayList<>();
        for (String col : data.columns().subList(0, firstMetric)) {
            if (col.equals("run_id") || col.equals("seed")) {
                continue;
            }
            TreeSet<String> values = new TreeSet<>();
            data.runs().forEach(r -> values.add(r.field(col).orElse("")));
            if (values.size() == 1) {
                constant.add(List.of(Cell.of(col), Cell.of(values.first().isEmpty() ? "(empty)" : values.first())));
            } else {
                varied.add(col + " \u2208 {" + String.join(", ", values.stream().map(v -> v.isEmpty() ? "(empty)" : v)
                        .toList()) + "}");
            }
        }
        blocks.add(new Paragraph(varied.isEmpty() ? "No option varies across the sweep."
                : "Varied across the sweep: " + String.join("; ", varied) + "."));
        if (!constant.isEmpty()) {
            blocks.add(new Table(List.of("constant option", "value"), constant, ""));
        }

        blocks.add(new Heading("sweep.yaml"));
        Path yaml = data.dir().resolve("sweep.yaml");
        if (Files.isRegularFile(yaml)) {
            List<String> lines = Files.readAllLines(yaml, StandardCharsets.UTF_8);
            String text = String.join("\n", lines.subList(0, Math.min(MAX_YAML_LINES, lines.size())));
            if (lines.size() > MAX_YAML_LINES) {
                text += "\n# ... " + (lines.size() - MAX_YAML_LINES) + " more lines";
            }
            blocks.add(new Preformatted(text));
        } else {
            blocks.add(new Paragraph("The sweep directory has no `sweep.yaml`."));
        }
        return new Section(ID, TITLE, true, blocks);
    }

    /** Index of the first evaluation metric column ({@code nll_test} or the first of the known metrics). */
    private static int firstMetricColumn(List<String> columns) {
        int first = columns.size();
        for (String m : List.of("nll_test", "nll_test_nats", "nll_gen", "bleu2", "self_bleu2", "sec_per_step")) {
            int i = columns.indexOf(m);
            if (i >= 0) {
                first = Math.min(first, i);
            }
        }
        return first;
    }
}
