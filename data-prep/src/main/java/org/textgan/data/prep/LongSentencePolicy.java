package org.textgan.data.prep;

import org.textgan.common.EnumIds;

/** What to do with a sentence longer than {@code --max-len} characters ({@code --long-sentences}). */
public enum LongSentencePolicy {
    /** Split it at word boundaries into pieces of at most max-len characters (the default). */
    SPLIT,
    /** Drop it (counted as {@code too_long}). */
    DROP;

    /** @return the option value, e.g. {@code split} */
    public String optionValue() {
        return EnumIds.id(this);
    }
}
