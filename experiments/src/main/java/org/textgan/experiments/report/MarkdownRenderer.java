package org.textgan.experiments.report;

import org.textgan.experiments.report.ReportDocument.Block;
import org.textgan.experiments.report.ReportDocument.Cell;
import org.textgan.experiments.report.ReportDocument.Figure;
import org.textgan.experiments.report.ReportDocument.Heading;
import org.textgan.experiments.report.ReportDocument.Paragraph;
import org.textgan.experiments.report.ReportDocument.Preformatted;
import org.textgan.experiments.report.ReportDocument.Section;
import org.textgan.experiments.report.ReportDocument.SideBySide;
import org.textgan.experiments.report.ReportDocument.Table;

/**
 * Renders a {@link ReportDocument} as GitHub-flavoured Markdown. Figures are referenced by relative links to SVG files
 * that the caller writes next to the Markdown file; best table values are bold; verbatim text goes in fenced blocks.
 */
public final class MarkdownRenderer {

    /**
     * @param doc the document
     * @return the Markdown text
     */
    public String render(ReportDocument doc) {
        StringBuilder b = new StringBuilder(1 << 14);
        b.append("# ").append(doc.title()).append("\n\n");
        for (Block block : doc.intro()) {
            block(b, block);
        }
        for (Section s : doc.sections()) {
            b.append("- [").append(s.title()).append("](#").append(s.id()).append(")")
                    .append(s.hasData() ? "" : " (no data)").append('\n');
        }
        b.append('\n');
        for (Section s : doc.sections()) {
            b.append("<a id=\"").append(s.id()).append("\"></a>\n\n## ").append(s.title()).append("\n\n");
            for (Block block : s.blocks()) {
                block(b, block);
            }
        }
        return b.toString();
    }

    private static void block(StringBuilder b, Block block) {
        if (block instanceof Paragraph p) {
            b.append(p.text()).append("\n\n");
        } else if (block instanceof Heading h) {
            b.append("### ").append(h.text()).append("\n\n");
        } else if (block instanceof Table t) {
            b.append('|');
            for (String h : t.header()) {
                b.append(' ').append(cell(h)).append(" |");
            }
            b.append("\n|");
            for (int i = 0; i < t.header().size(); i++) {
                b.append(i == 0 ? "---|" : "---:|");
            }
            b.append('\n');
            for (var row : t.rows()) {
                b.append('|');
                for (Cell c : row) {
                    b.append(' ').append(c.best() ? "**" + cell(c.text()) + "**" : cell(c.text())).append(" |");
                }
                b.append('\n');
            }
            b.append('\n');
            if (!t.caption().isEmpty()) {
                b.append(t.caption()).append("\n\n");
            }
        } else if (block instanceof Figure f) {
            b.append("![").append(f.caption().replace("]", ")").replace("[", "(")).append("](")
                    .append(f.fileName()).append(")\n\n");
        } else if (block instanceof Preformatted p) {
            fence(b, p.text());
        } else if (block instanceof SideBySide s) {
            b.append("### ").append(s.heading()).append("\n\n");
            for (int i = 0; i < s.titles().size(); i++) {
                b.append("**").append(s.titles().get(i)).append("**\n\n");
                fence(b, s.texts().get(i));
            }
        }
    }

    private static void fence(StringBuilder b, String text) {
        String fence = "```";
        while (text.contains(fence)) {
            fence += "`";
        }
        b.append(fence).append("text\n").append(text).append(text.endsWith("\n") ? "" : "\n").append(fence)
                .append("\n\n");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
