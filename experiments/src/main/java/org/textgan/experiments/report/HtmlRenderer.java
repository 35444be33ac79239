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
 * Renders a {@link ReportDocument} as one self-contained HTML page: inline CSS, figures as inline SVG (crisp at any
 * zoom, their text searchable), no scripts and no external resources. All text is HTML-escaped.
 */
public final class HtmlRenderer {
    private static final String CSS = """
            body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:24px auto;max-width:1240px;color:#222;\
            line-height:1.45;padding:0 12px}
            h1{font-size:26px;border-bottom:2px solid #446;padding-bottom:6px}
            h2{font-size:20px;margin-top:36px;border-bottom:1px solid #ccd;padding-bottom:4px}
            h3{font-size:16px;margin-top:20px}
            table{border-collapse:collapse;margin:10px 0;font-size:12.5px}
            .tw{overflow-x:auto;max-width:100%}
            th,td{border:1px solid #ccd;padding:3px 6px;text-align:right;white-space:nowrap}
            th{background:#eef0f6;white-space:normal;vertical-align:bottom}
            td:first-child,th:first-child{text-align:left}
            td.best{background:#dff3df;font-weight:bold}
            .caption{font-size:12px;color:#555;margin-top:2px}
            figure{margin:14px 0}
            figure svg{max-width:100%;height:auto;border:1px solid #dde}
            figcaption{font-size:12px;color:#555}
            pre{background:#f6f6f8;border:1px solid #e0e0e6;padding:6px 8px;font-size:12px;overflow-x:auto;\
            white-space:pre-wrap;word-break:break-all;margin:4px 0}
            .nodata{color:#8a4b00;font-style:italic}
            .sbs{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:10px}
            .sbs h4{margin:4px 0;font-size:13px}
            nav ul{columns:2;font-size:14px}
            code{background:#f0f0f4;padding:0 3px;font-size:90%}
            """;

    /**
     * @param doc the document
     * @return the HTML page
     */
    public String render(ReportDocument doc) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(doc.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>").append(escape(doc.title())).append("</h1>\n");
        for (Block block : doc.intro()) {
            block(b, block, false);
        }
        b.append("<nav><ul>\n");
        for (Section s : doc.sections()) {
            b.append("<li><a href=\"#").append(escape(s.id())).append("\">").append(escape(s.title())).append("</a>")
                    .append(s.hasData() ? "" : " (no data)").append("</li>\n");
        }
        b.append("</ul></nav>\n");
        for (Section s : doc.sections()) {
            b.append("<section id=\"").append(escape(s.id())).append("\">\n<h2>").append(escape(s.title()))
                    .append("</h2>\n");
            for (Block block : s.blocks()) {
                block(b, block, !s.hasData());
            }
            b.append("</section>\n");
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void block(StringBuilder b, Block block, boolean noData) {
        if (block instanceof Paragraph p) {
            b.append(noData ? "<p class=\"nodata\">" : "<p>").append(inline(p.text())).append("</p>\n");
        } else if (block instanceof Heading h) {
            b.append("<h3>").append(escape(h.text())).append("</h3>\n");
        } else if (block instanceof Table t) {
            table(b, t);
        } else if (block instanceof Figure f) {
            b.append("<figure>\n").append(f.svg()).append("<figcaption>").append(escape(f.caption()))
                    .append("</figcaption></figure>\n");
        } else if (block instanceof Preformatted p) {
            b.append("<pre>").append(escape(p.text())).append("</pre>\n");
        } else if (block instanceof SideBySide s) {
            b.append("<h3>").append(escape(s.heading())).append("</h3>\n<div class=\"sbs\">\n");
            for (int i = 0; i < s.titles().size(); i++) {
                b.append("<div><h4>").append(escape(s.titles().get(i))).append("</h4><pre>")
                        .append(escape(s.texts().get(i))).append("</pre></div>\n");
            }
            b.append("</div>\n");
        }
    }

    private static void table(StringBuilder b, Table t) {
        b.append("<div class=\"tw\"><table>\n<thead><tr>");
        for (String h : t.header()) {
            b.append("<th>").append(escape(h)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (var row : t.rows()) {
            b.append("<tr>");
            for (Cell c : row) {
                b.append(c.best() ? "<td class=\"best\">" : "<td>").append(escape(c.text())).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table></div>\n");
        if (!t.caption().isEmpty()) {
            b.append("<div class=\"caption\">").append(inline(t.caption())).append("</div>\n");
        }
    }

    /** Escapes and turns `code` spans into code elements (an unmatched backtick stays literal). */
    private static String inline(String text) {
        String[] parts = text.split("`", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 1 && i < parts.length - 1) {
                b.append("<code>").append(escape(parts[i])).append("</code>");
            } else {
                if (i % 2 == 1) {
                    b.append('`');
                }
                b.append(escape(parts[i]));
            }
        }
        return b.toString();
    }

    /**
     * @param s text
     * @return the text with {@code & < > " '} escaped
     */
    public static String escape(String s) {
        return org.textgan.experiments.plot.SvgChart.esc(s);
    }
}
