package org.textgan.common;

import java.util.Locale;

/** The three dataset splits; {@link #fileStem()} names the split's files inside a dataset directory. */
public enum Split {
    /** Training data; the vocabulary is built from it alone. */
    TRAIN,
    /** Validation data. */
    VALID,
    /** Held-out test data (used for NLL-test and as BLEU references). */
    TEST;

    /** @return the lower-case stem of this split's files, e.g. {@code train} for {@code train.ids}. */
    public String fileStem() {
        return name().toLowerCase(Locale.ROOT);
    }
}
