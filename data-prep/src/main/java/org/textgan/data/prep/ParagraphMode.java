package org.textgan.data.prep;

/** How input lines are grouped before sentence splitting ({@code --paragraphs}). */
public enum ParagraphMode {
    /** Blank lines separate paragraphs; sentences may wrap across lines (books, the default). */
    BLANK_LINES("blank-lines"),
    /** Every line is its own paragraph (one-sentence-per-line corpora such as captions). */
    LINES("lines");

    private final String optionValue;

    ParagraphMode(String optionValue) {
        this.optionValue = optionValue;
    }

    /** @return the option value, e.g. {@code blank-lines} */
    public String optionValue() {
        return optionValue;
    }

    /**
     * @param value an option value
     * @return the mode
     * @throws IllegalArgumentException naming the valid values
     */
    public static ParagraphMode parse(String value) {
        for (ParagraphMode m : values()) {
            if (m.optionValue.equalsIgnoreCase(value) || m.name().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--paragraphs must be blank-lines or lines, not '" + value + "'");
    }
}
