package org.textgan.experiments.report;

import java.util.List;

/**
 * The report as a format-neutral document: a title, an introduction and sections of blocks. {@link HtmlRenderer} and
 * {@link MarkdownRenderer} turn the same document into HTML and Markdown, so both say exactly the same things.
 *
 * @param title the title
 * @param intro introductory blocks
 * @param sections the sections in order
 */
public record ReportDocument(String title, List<Block> intro, List<Section> sections) {

    /** Copies the lists. */
    public ReportDocument {
        intro = List.copyOf(intro);
        sections = List.copyOf(sections);
    }

    /**
     * A section.
     *
     * @param id anchor id (lower-case, hyphenated)
     * @param title heading
     * @param hasData false if the section only says that its data are missing
     * @param blocks content
     * @param summary a computed sentence for the report's summary at the top, empty if none
     */
    public record Section(String id, String title, boolean hasData, List<Block> blocks, String summary) {
        /** Copies the blocks. */
        public Section {
            blocks = List.copyOf(blocks);
            summary = summary == null ? "" : summary;
        }

        /**
         * A section without a summary sentence.
         *
         * @param id anchor
         * @param title heading
         * @param hasData whether it has data
         * @param blocks content
         */
        public Section(String id, String title, boolean hasData, List<Block> blocks) {
            this(id, title, hasData, blocks, "");
        }

        /**
         * A section that reports missing data.
         *
         * @param id anchor
         * @param title heading
         * @param why the sentence saying what is missing
         * @return the section
         */
        public static Section noData(String id, String title, String why) {
            return new Section(id, title, false, List.of(new Paragraph(why)));
        }
    }

    /** A piece of content. */
    public sealed interface Block permits Paragraph, Heading, Table, Figure, Preformatted, SideBySide {
    }

    /**
     * A paragraph of plain text; text between backticks is shown as code.
     *
     * @param text the text
     */
    public record Paragraph(String text) implements Block {
    }

    /**
     * A sub-heading.
     *
     * @param text the text
     */
    public record Heading(String text) implements Block {
    }

    /**
     * A table.
     *
     * @param header column headings
     * @param rows cells
     * @param caption a caption under the table, may be empty
     */
    public record Table(List<String> header, List<List<Cell>> rows, String caption) implements Block {
        /** Copies the lists. */
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A table cell.
     *
     * @param text the text
     * @param best whether it is highlighted as the best value of its column
     */
    public record Cell(String text, boolean best) {
        /**
         * @param text the text
         * @return a plain cell
         */
        public static Cell of(String text) {
            return new Cell(text, false);
        }
    }

    /**
     * A chart.
     *
     * @param fileName the SVG's file name next to {@code report.md}
     * @param caption alt text and caption
     * @param svg the {@code <svg>} element (inlined into the HTML page, written as a file for the Markdown)
     */
    public record Figure(String fileName, String caption, String svg) implements Block {
    }

    /**
     * Verbatim text.
     *
     * @param text the text
     */
    public record Preformatted(String text) implements Block {
    }

    /**
     * Texts shown side by side, e.g. samples with soft and with hard feedback.
     *
     * @param heading what is compared
     * @param titles one title per column
     * @param texts one verbatim text per column
     */
    public record SideBySide(String heading, List<String> titles, List<String> texts) implements Block {
        /** Copies the lists. */
        public SideBySide {
            titles = List.copyOf(titles);
            texts = List.copyOf(texts);
        }
    }
}
