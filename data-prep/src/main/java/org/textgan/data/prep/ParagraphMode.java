package org.textgan.data.prep;

import org.textgan.common.EnumIds;

/** How input lines are grouped before sentence splitting ({@code --paragraphs}). */
public enum ParagraphMode {
    /** Blank lines separate paragraphs; sentences may wrap across lines (books, the default). */
    BLANK_LINES,
    /** Every line is its own paragraph (one-sentence-per-line corpora such as captions). */
    LINES;

    /** @return the option value, e.g. {@code blank-lines} */
    public String optionValue() {
        return EnumIds.id(this);
    }

    /**
     * @param value an option value ({@code blank-lines} or {@code lines}, case-insensitive)
     * @return the mode
     * @throws IllegalArgumentException naming the valid values
     */
    public static ParagraphMode parse(String value) {
        return EnumIds.parse(ParagraphMode.class, value, "--paragraphs value");
    }
}
